import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError, ForbiddenError } from '@app/common';
import type { Actor } from './actor';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './decorators';
import { Role } from './role.enums';
import { User } from './user.entity';

export interface AccessTokenClaims {
  sub: string;
}

class UnauthenticatedError extends DomainError {
  constructor() {
    super(401, 'UNAUTHENTICATED', 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.');
  }
}

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(), and the user must
 * still be active (a deactivated account loses access at once, not when its token expires).
 * Role lists from @Roles() are checked here too.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<{ headers?: { authorization?: unknown }; actor?: Actor }>();
    const actor = await this.authenticate(request.headers?.authorization);
    request.actor = actor;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(actor.role)) throw new ForbiddenError();
    return true;
  }

  private async authenticate(header: unknown): Promise<Actor> {
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw new UnauthenticatedError();
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      throw new UnauthenticatedError();
    }
    const user = await this.users.findOneBy({ id: claims.sub, active: true });
    if (!user) throw new UnauthenticatedError();
    return { id: user.id, email: user.email, role: user.role, provinceCode: user.provinceCode };
  }
}

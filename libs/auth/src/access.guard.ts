import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ForbiddenError } from '@app/common';
import type { Actor } from './actor';
import { ALLOWED_ROLES, DURING_PASSWORD_CHANGE, PUBLIC_ROUTE } from './decorators';
import { Role } from './role.enums';
import { SessionChecks } from './session-checks';
import type { SessionAccount } from './session-tokens';

class UnauthenticatedError extends DomainError {
  constructor() {
    super(401, 'UNAUTHENTICATED', 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.');
  }
}

type GuardedRequest = { headers?: { authorization?: unknown }; actor?: Actor };

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(), the user must still be
 * active and the token not revoked (session-tokens.ts, checked by SessionChecks: a deactivated account,
 * a logout or a password change cut access at once, not when the token expires). An account a planner
 * asked to change its password reaches only the routes marked @DuringPasswordChange(). Role lists from
 * @Roles() are checked here too. On a public route a valid token still names the actor (health shows
 * details to planners).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionChecks,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) {
      const user = await this.userOf(request.headers?.authorization);
      if (user && !user.mustChangePassword) request.actor = actorOf(user);
      return true;
    }

    const user = await this.userOf(request.headers?.authorization);
    if (!user) throw new UnauthenticatedError();
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(DURING_PASSWORD_CHANGE, targets)) {
      throw new ForbiddenError('Bạn cần đổi mật khẩu trước khi tiếp tục.', 'PASSWORD_CHANGE_REQUIRED');
    }
    const actor = actorOf(user);
    request.actor = actor;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(actor.role)) throw new ForbiddenError();
    return true;
  }

  private userOf(header: unknown): Promise<SessionAccount | null> {
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    return token ? this.sessions.accountOf(token) : Promise.resolve(null);
  }
}

const actorOf = (user: SessionAccount): Actor => ({ id: user.id, email: user.email, role: user.role, provinceCode: user.provinceCode });

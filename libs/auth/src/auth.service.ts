import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, BusinessRuleError, DomainError, inTransaction } from '@app/common';
import { AppConfig } from '@app/config';
import { Actor, SYSTEM_ACTOR } from './actor';
import { ChangePasswordDto } from './dto/account-actions.dto';
import { AccessTokenDto, LoginDto } from './dto/login.dto';
import { AccountHeldError, LoginLockout } from './login-lockout';
import { normalisedLogin } from './login-rules';
import { decoyHash, hashPassword, verifyPassword } from './password';
import { SessionRevocations } from './session-revocations';
import { revokeSessions, signAccessToken } from './session-tokens';
import { User } from './user.entity';
import { UsersService } from './users.service';

/** Where a login came from, as the audit log records it. */
export interface LoginContext {
  /** The client address as resolved through the trusted proxies (TRUST_PROXY_HOPS). */
  clientAddress: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly lockout: LoginLockout,
    private readonly audit: AuditLog,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly revocations: SessionRevocations,
  ) {}

  /**
   * Checks the password and issues an access token. Unknown account and wrong password look alike.
   * Every attempt is audited (account name, client address, outcome); failures count towards the
   * account's hold, whatever address they come from.
   */
  async login(input: LoginDto, context: LoginContext): Promise<AccessTokenDto> {
    const login = normalisedLogin(input.email);
    try {
      await this.lockout.assertNotHeld(login);
    } catch (error) {
      if (error instanceof AccountHeldError) await this.auditFailure(login, null, context, 'account_held');
      throw error;
    }
    const user = await this.users.findForLogin(login);
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
    if (!user || !valid) {
      const heldFor = await this.lockout.recordFailure(login);
      await this.auditFailure(login, user, context, user ? 'wrong_password' : 'unknown_account');
      if (heldFor > 0) throw new AccountHeldError(heldFor);
      throw new DomainError(401, 'INVALID_CREDENTIALS', 'E-mail hoặc mật khẩu không đúng.');
    }
    await this.lockout.forget(login);
    await this.audit.record(this.dataSource.manager, {
      actor: user,
      entityType: 'user',
      entityId: user.id,
      action: 'login',
      after: { clientAddress: context.clientAddress },
    });
    return this.tokenFor(user);
  }

  /** Ends every session of the account (the token just used included). */
  async logout(actor: Actor, context: LoginContext): Promise<void> {
    await inTransaction(this.dataSource, async (manager, afterCommit) => {
      await revokeSessions(manager, actor.id);
      this.revocations.revokedAfterCommit(afterCommit, actor.id);
      await this.audit.record(manager, { actor, entityType: 'user', entityId: actor.id, action: 'logout', after: { clientAddress: context.clientAddress } });
    });
  }

  /**
   * A user's own new password. The current one must be given; every other session ends, and the answer
   * is a fresh token for this one. Clears a planner's demand for a change.
   */
  async changePassword(actor: Actor, input: ChangePasswordDto, context: LoginContext): Promise<AccessTokenDto> {
    if (input.newPassword === input.currentPassword) {
      throw new BusinessRuleError('PASSWORD_UNCHANGED', 'Mật khẩu mới phải khác mật khẩu hiện tại.', { field: 'newPassword' });
    }
    // Guessing the current password with a stolen session counts like guessing it at login.
    const login = normalisedLogin(actor.email);
    await this.lockout.assertNotHeld(login);
    const current = await this.users.findForLogin(login);
    if (!current || !(await verifyPassword(current.passwordHash, input.currentPassword))) {
      await this.lockout.recordFailure(login);
      throw new BusinessRuleError('CURRENT_PASSWORD_WRONG', 'Mật khẩu hiện tại không đúng.', { field: 'currentPassword' });
    }
    const passwordHash = await hashPassword(input.newPassword);
    const user = await inTransaction(this.dataSource, async (manager, afterCommit) => {
      await manager.update(User, { id: actor.id }, { passwordHash, mustChangePassword: false });
      await revokeSessions(manager, actor.id);
      this.revocations.revokedAfterCommit(afterCommit, actor.id);
      await this.audit.record(manager, {
        actor,
        entityType: 'user',
        entityId: actor.id,
        action: 'password_change',
        before: { mustChangePassword: current.mustChangePassword },
        after: { mustChangePassword: false, clientAddress: context.clientAddress },
      });
      return manager.findOneByOrFail(User, { id: actor.id });
    });
    return this.tokenFor(user);
  }

  private async tokenFor(user: User): Promise<AccessTokenDto> {
    return {
      accessToken: await signAccessToken(this.jwt, user),
      expiresIn: this.config.JWT_TTL_SECONDS,
      user: {
        id: user.id,
        email: user.email,
        fullName: user.fullName,
        role: user.role,
        provinceCode: user.provinceCode,
        mustChangePassword: user.mustChangePassword,
      },
    };
  }

  /** A failed attempt: nobody is authenticated, so the actor is the account name that was tried. */
  private auditFailure(login: string, user: User | null, context: LoginContext, reason: string): Promise<void> {
    return this.audit.record(this.dataSource.manager, {
      actor: { id: SYSTEM_ACTOR.id, email: login || '(trống)' },
      entityType: 'user',
      entityId: user?.id ?? login,
      action: 'login_failed',
      after: { clientAddress: context.clientAddress, reason },
    });
  }
}

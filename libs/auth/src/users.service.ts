import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditLog, BusinessRuleError, foldedMatch, foldedSearchPattern, inTransaction, lockForUpdate, Page, toPage } from '@app/common';
import { ProvincesService } from '@app/provinces';
import { accountExists, insertAccount, userView } from './accounts';
import type { Actor } from './actor';
import { AccountActionDto } from './dto/account-actions.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { UserQueryDto } from './dto/user-query.dto';
import type { UserView } from './dto/user-view.dto';
import { hashPassword } from './password';
import { Role } from './role.enums';
import { SessionRevocations } from './session-revocations';
import { revokeSessions } from './session-tokens';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly provinces: ProvincesService,
    private readonly audit: AuditLog,
    private readonly revocations: SessionRevocations,
  ) {}

  /** Creates an account; an organizer must be bound to one province, other roles to none. */
  async create(input: CreateUserDto, actor: Actor): Promise<UserView> {
    const email = input.email.trim().toLowerCase();
    const isOrganizer = input.role === Role.ProvincialOrganizer;
    if (isOrganizer !== Boolean(input.provinceCode)) {
      throw new BusinessRuleError(
        'ORGANIZER_PROVINCE_REQUIRED',
        'Cán bộ tổ chức cấp tỉnh phải gắn với đúng một tỉnh, thành phố; các vai trò khác không gắn tỉnh.',
      );
    }
    if (input.provinceCode) await this.provinces.require(input.provinceCode);
    const passwordHash = await hashPassword(input.password);

    return this.dataSource.transaction(async (manager) => {
      if (await accountExists(manager, email)) {
        throw new BusinessRuleError('EMAIL_TAKEN', 'Địa chỉ e-mail này đã có tài khoản.', { email }, 409);
      }
      const view = await insertAccount(manager, {
        email,
        fullName: input.fullName.trim(),
        passwordHash,
        role: input.role,
        provinceCode: input.provinceCode ?? null,
      });
      await this.audit.record(manager, { actor, entityType: 'user', entityId: view.id, action: 'create', after: view });
      return view;
    });
  }

  /** Accounts by e-mail, filtered; a few thousand at national scale, so the filter scans without an index. */
  async list(query: UserQueryDto): Promise<Page<UserView>> {
    const builder = this.dataSource.getRepository(User).createQueryBuilder('account').orderBy('account.email', 'ASC');
    if (query.q?.trim()) builder.andWhere(foldedMatch(`account.email || ' ' || account.full_name`, 'pattern'), { pattern: foldedSearchPattern(query.q) });
    if (query.role) builder.andWhere('account.role = :role', { role: query.role });
    if (query.provinceCode) builder.andWhere('account.province_code = :provinceCode', { provinceCode: query.provinceCode });
    const [items, total] = await builder.skip(query.offset).take(query.pageSize).getManyAndCount();
    return toPage(items.map(userView), total, query);
  }

  /** Ends the account's access at once (its tokens are revoked); a planner cannot lock themselves out. */
  deactivate(id: string, input: AccountActionDto, actor: Actor): Promise<UserView> {
    if (id === actor.id) {
      throw new BusinessRuleError('CANNOT_DEACTIVATE_SELF', 'Không thể tự khóa tài khoản của chính mình.');
    }
    return this.change(id, input, actor, 'deactivate', (user) => {
      user.active = false;
      return true;
    });
  }

  reactivate(id: string, input: AccountActionDto, actor: Actor): Promise<UserView> {
    return this.change(id, input, actor, 'reactivate', (user) => {
      user.active = true;
      return false;
    });
  }

  /** The account must choose a new password before anything else; its current sessions end. */
  requirePasswordChange(id: string, input: AccountActionDto, actor: Actor): Promise<UserView> {
    return this.change(id, input, actor, 'password_change_required', (user) => {
      user.mustChangePassword = true;
      return true;
    });
  }

  /** The user with this e-mail including the password hash, for login only. */
  findForLogin(email: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email AND user.active', { email: email.trim().toLowerCase() })
      .getOne();
  }

  /** One audited change of an account at the version the planner saw; `apply` answers whether to revoke its sessions. */
  private change(id: string, input: AccountActionDto, actor: Actor, action: AuditAction, apply: (user: User) => boolean): Promise<UserView> {
    return inTransaction(this.dataSource, async (manager: EntityManager, afterCommit) => {
      const user = await lockForUpdate(manager, User, id, input.version, 'tài khoản');
      const before = { active: user.active, mustChangePassword: user.mustChangePassword };
      const revoke = apply(user);
      const saved = await manager.save(user);
      if (revoke) {
        await revokeSessions(manager, id);
        this.revocations.revokedAfterCommit(afterCommit, id); // its open live streams close too
      }
      await this.audit.record(manager, {
        actor,
        entityType: 'user',
        entityId: id,
        action,
        before,
        after: { active: saved.active, mustChangePassword: saved.mustChangePassword },
      });
      return userView(saved);
    });
  }
}

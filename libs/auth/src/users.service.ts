import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, BusinessRuleError, Page, PageQueryDto, toPage } from '@app/common';
import { ProvincesService } from '@app/provinces';
import { accountExists, insertAccount } from './accounts';
import type { Actor } from './actor';
import { CreateUserDto } from './dto/create-user.dto';
import type { UserView } from './dto/user-view.dto';
import { hashPassword } from './password';
import { Role } from './role.enums';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly provinces: ProvincesService,
    private readonly audit: AuditLog,
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

  async list(query: PageQueryDto): Promise<Page<UserView>> {
    const [items, total] = await this.dataSource.getRepository(User).findAndCount({
      order: { email: 'ASC' },
      skip: query.offset,
      take: query.pageSize,
    });
    return toPage(items, total, query);
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
}

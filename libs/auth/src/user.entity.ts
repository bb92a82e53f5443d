import { ApiHideProperty } from '@nestjs/swagger';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt, Version } from '@app/common';
import type { Province } from '@app/provinces';
import { Role } from './role.enums';

@Entity('users')
@Check('users_organizer_has_province', `(role = 'provincial_organizer') = (province_code IS NOT NULL)`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Index('users_email_unique', { unique: true })
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text', name: 'full_name' })
  fullName: string;

  /** Never selected unless asked for (login), never answered. */
  @ApiHideProperty()
  @Column({ type: 'text', name: 'password_hash', select: false })
  passwordHash: string;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role' })
  role: Role;

  @Column({ type: 'varchar', length: 2, name: 'province_code', nullable: true })
  provinceCode: string | null;

  /** By entity name: the provinces library owns the class (the foreign key is what the schema needs). */
  @ApiHideProperty()
  @ManyToOne('Province', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_code' })
  province?: Province;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /**
   * Written into every access token and compared on each request: raising it (logout, a password
   * change, deactivation, a forced password change) revokes every token issued before. Never answered.
   */
  @ApiHideProperty()
  @Column({ type: 'int', name: 'token_version', default: 0 })
  tokenVersion: number;

  /** Set by a planner: the account may only change its password (and log out) until it does. */
  @Column({ type: 'boolean', name: 'must_change_password', default: false })
  mustChangePassword: boolean;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}

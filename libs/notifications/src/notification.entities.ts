import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '@app/common';
import { NotificationKind } from './notification.enums';

/**
 * One account's notification. Grouped kinds (task overdue) keep one row per account and group key
 * (province and day), updated in place. `seq` rises on every insert and in-place update (a sequence):
 * it is the live stream's event id, so a reconnecting client asks for `seq > Last-Event-ID`.
 */
@Entity('notifications')
@Index('notifications_user_seq_idx', ['userId', 'seq'])
@Index('notifications_user_group_unique', ['userId', 'groupKey'], { unique: true, where: 'group_key IS NOT NULL' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The event id of the live stream (see above); a string, as bigint does not fit a JSON number safely. */
  @ApiProperty({ type: String, description: 'Số thứ tự tăng dần, cũng là id sự kiện của luồng trực tiếp.' })
  @Column({ type: 'bigint', default: () => `nextval('notifications_seq')` })
  seq: string;

  @ApiHideProperty()
  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind' })
  @Column({ type: 'enum', enum: NotificationKind, enumName: 'notification_kind' })
  kind: NotificationKind;

  /** What it reads in the inbox, in Vietnamese, with nothing its reader may not open. */
  @Column({ type: 'text' })
  title: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @Column({ type: 'text', nullable: true })
  body: string | null;

  /** The console page of its object, from CONSOLE_LINKS (`/diem/<id>`, `/diem/<id>?viec=<task>#nhiem-vu`, `/san-sang?tinh=12`, `/lap-ke-hoach`, `/loi-moi`). */
  @Column({ type: 'text' })
  link: string;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @Column({ type: 'uuid', name: 'subject_id', nullable: true })
  subjectId: string | null;

  /** Set on grouped kinds: the entry is updated in place while the group fills. */
  @ApiHideProperty()
  @Column({ type: 'text', name: 'group_key', nullable: true })
  groupKey: string | null;

  /** How many events the entry stands for (1 unless grouped). */
  @Column({ type: 'int', name: 'item_count', default: 1 })
  itemCount: number;

  @ApiPropertyOptional({ type: Date, nullable: true })
  @Column({ type: 'timestamptz', name: 'read_at', nullable: true })
  readAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

/** The events a grouped entry counts, once each (a task escalated twice the same day counts once). */
@Entity('notification_group_items')
export class NotificationGroupItem {
  @PrimaryColumn({ type: 'text', name: 'group_key' })
  groupKey: string;

  @PrimaryColumn({ type: 'uuid', name: 'subject_id' })
  subjectId: string;

  @CreatedAt()
  createdAt: Date;
}

/**
 * A group's count of items (the number in its entries' titles), raised by the same statement that
 * inserts an item: each event of a grouped entry costs O(1), however full the group already is.
 */
@Entity('notification_groups')
export class NotificationGroup {
  @PrimaryColumn({ type: 'text', name: 'group_key' })
  groupKey: string;

  @Column({ type: 'int', name: 'item_count' })
  itemCount: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  @Index('notification_groups_updated_at_idx')
  updatedAt: Date;
}

/** An account's notification e-mail preferences; no row while the defaults apply (notification-email-rules.ts). */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ type: 'uuid', name: 'user_id' })
  userId: string;

  @Column({ type: 'boolean', name: 'daily_digest' })
  dailyDigest: boolean;

  @Column({ type: 'enum', enum: NotificationKind, enumName: 'notification_kind', array: true, name: 'immediate_kinds', default: () => `'{}'` })
  immediateKinds: NotificationKind[];

  @Column({ type: 'int' })
  version: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

/**
 * The notification e-mail outbox: an immediate e-mail of one notification, or one account's digest of
 * one local day (unique: a digest goes once per account and day whatever the number of workers). Sent
 * by SendNotificationEmailJob, whose id is the row's.
 */
@Entity('notification_emails')
@Index('notification_emails_digest_unique', ['userId', 'digestDate'], { unique: true, where: 'digest_date IS NOT NULL' })
@Index('notification_emails_notification_unique', ['notificationId'], { unique: true, where: 'notification_id IS NOT NULL' })
export class NotificationEmail {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @Column({ type: 'uuid', name: 'notification_id', nullable: true })
  notificationId: string | null;

  @Column({ type: 'date', name: 'digest_date', nullable: true })
  digestDate: string | null;

  /** pending → sending (under a lease) → sent, or skipped (nothing left unread), or failed for good. */
  @Column({ type: 'text', default: 'pending' })
  status: string;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', name: 'lease_until', nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

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

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { pageOf } from '@app/common';
import { NotificationKind } from '../notification.enums';

/** One entry of an account's inbox. */
export class NotificationView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  /** Rises on every new entry and every in-place update; the live stream's event id. */
  @ApiProperty({ type: String, description: 'Số thứ tự tăng dần; cũng là id sự kiện của luồng trực tiếp (Last-Event-ID).' })
  seq: string;

  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind' })
  kind: NotificationKind;

  title: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  body: string | null;

  /** The console page of its object. */
  link: string;

  /** How many events the entry stands for (grouped kinds). */
  itemCount: number;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  readAt: Date | null;

  createdAt: Date;

  updatedAt: Date;
}

export class NotificationViewPage extends pageOf(NotificationView) {}

export class UnreadCountView {
  unread: number;
}

export class MarkedReadView {
  /** Entries this call marked read. */
  marked: number;
}

/** A short-lived ticket to open the live stream (EventSource cannot send an Authorization header). */
export class StreamTicketView {
  ticket: string;

  expiresAt: Date;
}

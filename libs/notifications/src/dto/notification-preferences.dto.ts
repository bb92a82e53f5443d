import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { NotificationKind } from '../notification.enums';

/** My notification e-mail preferences (the role's defaults while I have saved none). */
export class NotificationPreferencesView {
  /** One e-mail each morning listing my entries of the past day still unread (none when nothing is unread). */
  dailyDigest: boolean;

  /** The kinds also e-mailed to me at once, when the entry is written. */
  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind', isArray: true })
  immediateKinds: NotificationKind[];

  /** The kinds my role can be notified of: what I may choose from. */
  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind', isArray: true })
  availableKinds: NotificationKind[];

  /** The local hour (Asia/Ho_Chi_Minh) the digest is sent at. */
  digestHour: number;

  /** The saved preferences' version (send it back to change them); null while the defaults apply. */
  @ApiPropertyOptional({ type: Number, nullable: true })
  version: number | null;
}

export class UpdateNotificationPreferencesDto {
  @ApiProperty({ description: 'Nhận thư tổng hợp hằng ngày' })
  @IsBoolean()
  dailyDigest: boolean;

  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind', isArray: true, description: 'Loại thông báo gửi thư ngay (trong số availableKinds)' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(NotificationKind, { each: true })
  immediateKinds: NotificationKind[];

  @ApiPropertyOptional({
    description: 'The version you edited: required once preferences are saved (428 without it, 409 when stale); omit while the defaults apply',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version?: number;
}

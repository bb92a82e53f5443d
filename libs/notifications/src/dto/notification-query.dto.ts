import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { PageQueryDto } from '@app/common';
import { NotificationKind } from '../notification.enums';

const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'One or more kinds, comma-separated', example: 'venue_nominated,task_overdue' })
  @IsOptional()
  @Transform(toList)
  @IsEnum(NotificationKind, { each: true })
  kind?: NotificationKind[];

  /** Only the entries not read yet. */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unread?: boolean;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CalendarFeedStatus } from '../calendar-feed.enums';

export class CalendarFeedQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  editionId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  leaderId?: string;
}

export class IssueLeaderFeedDto {
  @ApiProperty()
  @IsUUID()
  editionId: string;

  @ApiProperty()
  @IsUUID()
  leaderId: string;
}

/** A feed as planners see it: whose, where its link goes, and where it stands. Never the token. */
export class CalendarFeedView {
  id: string;
  editionId: string;
  /** The registered leader; null for a named delegate (a deputy). */
  @ApiProperty({ type: String, nullable: true })
  leaderId: string | null;
  delegateName: string;
  /** Where the link is mailed. */
  delegateEmail: string;
  @ApiProperty({ enum: CalendarFeedStatus, enumName: 'CalendarFeedStatus' })
  status: CalendarFeedStatus;
  /** When the current link was made (null while none is valid). */
  @ApiProperty({ type: Date, nullable: true })
  issuedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  sentAt: Date | null;
  @ApiProperty({ type: Date, nullable: true })
  revokedAt: Date | null;
  /** The link answers until then: the edition's last day plus FEED_GRACE_DAYS. */
  expiresAt: Date;
  /** The last mail error, if the link could not be sent. */
  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '@app/common';
import { InvitationSummaryPage } from '@app/invitations';
import { LeaderViewPage } from '@app/leaders';
import { TaskHitPage } from '@app/logistics';
import { VenueViewPage } from '@app/venues';

export enum SearchKind {
  Venue = 'venue',
  Leader = 'leader',
  Task = 'task',
  Invitation = 'invitation',
}

export class SearchQueryDto extends PageQueryDto {
  @ApiProperty({ description: 'The edition searched (venues, tasks and invitations are per edition)' })
  @IsUUID()
  editionId: string;

  @ApiProperty({ description: 'Words, whatever the diacritics and case: "lai chau" finds "Lai Châu"', minLength: 2, maxLength: 100, example: 'lai chau' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  q: string;

  @ApiPropertyOptional({ enum: SearchKind, enumName: 'SearchKind', description: 'Only this kind (to page through it); default: the first page of each' })
  @IsOptional()
  @IsEnum(SearchKind)
  kind?: SearchKind;
}

/**
 * One page of each kind the caller may read (need-to-know): null where a kind was not asked for or is
 * not theirs — leaders for central staff only (as `GET /leaders`), invitations for planners only (as
 * `GET /invitations`); an organizer's venues and tasks are their own province's.
 */
export class SearchResults {
  @ApiProperty({ type: () => VenueViewPage, nullable: true })
  venues: VenueViewPage | null;

  @ApiProperty({ type: () => LeaderViewPage, nullable: true })
  leaders: LeaderViewPage | null;

  @ApiProperty({ type: () => TaskHitPage, nullable: true })
  tasks: TaskHitPage | null;

  @ApiProperty({ type: () => InvitationSummaryPage, nullable: true })
  invitations: InvitationSummaryPage | null;
}

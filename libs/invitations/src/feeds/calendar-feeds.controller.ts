import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, PlannersOnly } from '@app/auth';
import { ApiRefusals } from '@app/common';
import { CalendarFeedsService } from './calendar-feeds.service';
import { CalendarFeedQueryDto, CalendarFeedView, IssueLeaderFeedDto } from './dto/calendar-feed.dto';

/** Attendees' calendar feeds: planners list, issue, re-issue and revoke them (the public feed is in RsvpController). */
@ApiTags('invitations')
@ApiBearerAuth()
@Controller('calendar-feeds')
@PlannersOnly()
export class CalendarFeedsController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  /** Feeds of an edition or of a leader, newest first. */
  @Get()
  list(@Query() query: CalendarFeedQueryDto): Promise<CalendarFeedView[]> {
    return this.feeds.list(query);
  }

  /** Gives a leader a feed for the edition (or a new link if they have one); the link is mailed to their office. */
  @Post()
  @HttpCode(200)
  @ApiRefusals(404)
  issue(@Body() input: IssueLeaderFeedDto, @CurrentActor() actor: Actor): Promise<CalendarFeedView> {
    return this.feeds.issueForLeader(input, actor);
  }

  /** A new link, mailed to the attendee's office; the old one stops at once. */
  @Post(':id/reissue')
  @HttpCode(200)
  @ApiRefusals(404)
  reissue(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<CalendarFeedView> {
    return this.feeds.reissue(id, actor);
  }

  /** The link stops at once (404 from then on); nothing is mailed. */
  @Post(':id/revoke')
  @HttpCode(200)
  @ApiRefusals(404)
  revoke(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<CalendarFeedView> {
    return this.feeds.revoke(id, actor);
  }
}

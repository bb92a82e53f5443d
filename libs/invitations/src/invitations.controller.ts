import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/auth';
import { CurrentActor, PlannersOnly } from '@app/auth';
import { ApiRefusals } from '@app/common';
import { ComposedMessage } from './dto/composed-message.dto';
import { CreateInvitationDto, InvitationCountQueryDto, InvitationQueryDto, ReasonDto } from './dto/invitation.dto';
import {
  BulkInvitationResult,
  InvitationHistoryEntry,
  InvitationStatusCount,
  InvitationSummary,
  InvitationSummaryPage,
  InvitationView,
  SubstituteApproval,
  VenueInvitationAnswer,
} from './dto/invitation-view.dto';
import { InvitationsService } from './invitations.service';

/**
 * Invitations are central planners' work, and carry leaders' office contacts, which only planners see
 * (organizers learn who comes to their venue from /venues/:id/leaders).
 */
@ApiTags('invitations')
@ApiBearerAuth()
@Controller()
@PlannersOnly()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get('invitations')
  list(@Query() query: InvitationQueryDto): Promise<InvitationSummaryPage> {
    return this.invitations.list(query);
  }

  /** With every e-mail it implied: status, attempts and the last error of each. */
  /** An edition's invitations (or one venue's) counted per status, in the workflow's order; statuses with none left out. */
  @Get('invitations/counts')
  counts(@Query() query: InvitationCountQueryDto): Promise<InvitationStatusCount[]> {
    return this.invitations.counts(query);
  }

  @Get('invitations/:id')
  @ApiRefusals(404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<InvitationView> {
    return this.invitations.get(id);
  }

  /** What happened to the invitation, oldest first: who did what and when (local time). */
  @Get('invitations/:id/history')
  @ApiRefusals(404)
  history(@Param('id', ParseUUIDPipe) id: string): Promise<InvitationHistoryEntry[]> {
    return this.invitations.history(id);
  }

  /** The e-mail (HTML and text) and the ICS the delegate would receive now. Nothing is sent. */
  @Get('invitations/:id/preview')
  @PlannersOnly()
  @ApiRefusals(404)
  preview(@Param('id', ParseUUIDPipe) id: string): Promise<ComposedMessage> {
    return this.invitations.preview(id);
  }

  /** A draft invitation of a leader (or a named delegate) to a scheduled venue. */
  @Post('invitations')
  @PlannersOnly()
  @ApiRefusals(404, 409, 422)
  create(@Body() input: CreateInvitationDto, @CurrentActor() actor: Actor): Promise<InvitationSummary> {
    return this.invitations.create(input, actor);
  }

  @Post('invitations/:id/send')
  @PlannersOnly()
  @HttpCode(202)
  @ApiRefusals(404, 409, 422)
  send(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<InvitationSummary> {
    return this.invitations.send(id, actor);
  }

  @Post('invitations/:id/withdraw')
  @PlannersOnly()
  @HttpCode(202)
  @ApiRefusals(404, 409)
  withdraw(@Param('id', ParseUUIDPipe) id: string, @Body() input: ReasonDto, @CurrentActor() actor: Actor): Promise<InvitationSummary> {
    return this.invitations.withdraw(id, input.reason, actor);
  }

  /** Sends the invitation e-mail again (the same calendar entry, one revision up). */
  @Post('invitations/:id/resend')
  @PlannersOnly()
  @HttpCode(202)
  @ApiRefusals(404, 409)
  resend(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<InvitationSummary> {
    return this.invitations.resend(id, actor);
  }

  @Post('invitations/:id/retry')
  @PlannersOnly()
  @HttpCode(202)
  @ApiRefusals(404, 409)
  retry(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<InvitationView> {
    return this.invitations.retryFailed(id, actor);
  }

  /**
   * Withdraws the original invitation (CANCEL saying who attends instead), invites the proposed substitute
   * (REQUEST), and hands the venue assignment over. Approving again answers the same result; 409 when the
   * venue was cancelled, the invitation withdrawn, or the deputy (a registered leader) cannot attend.
   */
  @Post('invitations/:id/substitute/approve')
  @PlannersOnly()
  @HttpCode(202)
  @ApiRefusals(404, 409, 422)
  approveSubstitute(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<SubstituteApproval> {
    return this.invitations.approveSubstitute(id, actor);
  }

  @Post('invitations/:id/substitute/refuse')
  @PlannersOnly()
  @HttpCode(200)
  @ApiRefusals(404, 409)
  refuseSubstitute(@Param('id', ParseUUIDPipe) id: string, @Body() input: ReasonDto, @CurrentActor() actor: Actor): Promise<InvitationSummary> {
    return this.invitations.refuseSubstitute(id, input.reason, actor);
  }

  /** Invites every leader assigned to a scheduled venue of the edition who has no live invitation. */
  @Post('editions/:editionId/invitations/bulk')
  @PlannersOnly()
  @HttpCode(202)
  @ApiRefusals(404, 409)
  bulk(@Param('editionId', ParseUUIDPipe) editionId: string, @CurrentActor() actor: Actor): Promise<BulkInvitationResult> {
    return this.invitations.inviteAssigned(editionId, actor);
  }
}

/**
 * Who is invited to a venue and what they answered, for planners, viewers and the organizers of the
 * venue's province (need-to-know as for its leaders); never a contact.
 */
@ApiTags('invitations')
@ApiBearerAuth()
@Controller()
export class VenueAnswersController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get('venues/:venueId/invitation-answers')
  @ApiRefusals(403, 404)
  answers(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<VenueInvitationAnswer[]> {
    return this.invitations.answersOfVenue(venueId, actor);
  }
}

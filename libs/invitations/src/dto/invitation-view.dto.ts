import { OmitType, PickType } from '@nestjs/swagger';
import { pageOf } from '@app/common';
import { Invitation, InvitationMessage, InvitationStatus } from '../invitation.entities';

/** An invitation as the API shows it: never with its RSVP token hash. */
export class InvitationSummary extends OmitType(Invitation, ['rsvpTokenHash', 'edition', 'venue', 'leader'] as const) {}

export class InvitationSummaryPage extends pageOf(InvitationSummary) {}

export function toSummary(invitation: Invitation): InvitationSummary {
  const { rsvpTokenHash: _secret, ...summary } = invitation;
  return summary;
}

/** One e-mail of the invitation: which revision, and how its sending went. */
export class InvitationMessageView extends PickType(InvitationMessage, [
  'id',
  'kind',
  'method',
  'sequence',
  'status',
  'attempts',
  'lastError',
  'sentAt',
  'createdAt',
] as const) {}

/** An invitation with every e-mail it implied. */
export class InvitationView extends InvitationSummary {
  messages: InvitationMessageView[];
}

/** What approving a proposed substitute did: the original withdrawn, the substitute invited. */
export class SubstituteApproval {
  withdrawn: InvitationSummary;
  substitute: InvitationSummary;
}

export class BulkInvitationResult {
  /** Invitations created and queued now. */
  created: number;
  /** Assignments that already had a live invitation. */
  alreadyInvited: number;
  invitationIds: string[];
}

/** A calendar client's REPLY, recorded as the invitation's answer. */
export class CalendarReplyOutcome {
  invitationId: string;
  status: InvitationStatus;
}

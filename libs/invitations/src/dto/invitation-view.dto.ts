import { ApiProperty, OmitType, PickType } from '@nestjs/swagger';
import { pageOf } from '@app/common';
import { AssignmentRole } from '@app/leaders';
import type { AnsweredVia, InvitationHistoryKind } from '../invitation.enums';
import { Invitation, InvitationMessage, InvitationStatus } from '../invitation.entities';

/** An invitation as the API shows it: never with its RSVP token hash. */
export class InvitationSummary extends OmitType(Invitation, ['rsvpTokenHash', 'edition', 'venue', 'leader', 'lastReplySequence', 'lastReplyStamp'] as const) {}

export class InvitationSummaryPage extends pageOf(InvitationSummary) {}

/** How many invitations are in one status. */
export class InvitationStatusCount {
  @ApiProperty({ enum: InvitationStatus, enumName: 'InvitationStatus' })
  status: InvitationStatus;
  count: number;
}

export function toSummary(invitation: Invitation): InvitationSummary {
  const { rsvpTokenHash: _secret, lastReplySequence: _sequence, lastReplyStamp: _stamp, ...summary } = invitation;
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

/** A calendar client's REPLY: recorded as the invitation's answer, or kept as an older one (a newer answer stands). */
export class CalendarReplyOutcome {
  invitationId: string;
  /** The invitation's status after the reply. */
  status: InvitationStatus;
  /** `applied`: it is the answer now; `older`: recorded, but a newer answer stands; `duplicate`: this very reply was already recorded. */
  @ApiProperty({ enum: ['applied', 'older', 'duplicate'] })
  outcome: 'applied' | 'older' | 'duplicate';
}

/** One line of an invitation's history. */
export class InvitationHistoryEntry {
  at: Date;
  /** `HH:mm dd/MM/yyyy`, Asia/Ho_Chi_Minh. */
  localTime: string;
  @ApiProperty({ enum: ['created', 'sent', 'answered', 'substituted', 'updated', 'cancelled', 'refused', 'note'] })
  kind: InvitationHistoryKind;
  /** The kind in Vietnamese. */
  kindName: string;
  /** Who: an account's e-mail, the delegate (by link or calendar), or the mail system. */
  actor: string;
  note: string | null;
  /** What it was: the answer, the e-mail sent, who attends instead. */
  detail: string | null;
}

/** A proposed substitute as organizers see it: no contact. */
export class SubstituteNameView {
  name: string;
  position: string;
}

/** An invitation to a venue as everyone who may see its leaders reads it: who, their answer, never a contact. */
export class VenueInvitationAnswer {
  invitationId: string;
  delegateName: string;
  delegateTitle: string | null;
  @ApiProperty({ enum: AssignmentRole, enumName: 'AssignmentRole' })
  role: AssignmentRole;
  @ApiProperty({ enum: InvitationStatus, enumName: 'InvitationStatus' })
  status: InvitationStatus;
  /** Whether the delegate has answered (accepted, declined, tentative, proposed a substitute). */
  answered: boolean;
  answeredAt: Date | null;
  @ApiProperty({ enum: ['rsvp', 'calendar', 'planner'], nullable: true, type: String })
  answeredVia: AnsweredVia | null;
  /** The note with the answer: arrival details from the RSVP page, or a calendar reply's comment. */
  answerComment: string | null;
  substitute: SubstituteNameView | null;
  /** For a deputy: whom they attend instead of. */
  substituteForName: string | null;
}

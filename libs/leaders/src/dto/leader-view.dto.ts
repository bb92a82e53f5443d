import { ApiProperty, ApiSchema, IntersectionType, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { type Actor, canSeeLeaderContacts } from '@app/auth';
import { pageOf } from '@app/common';
import { AssignmentRole, Leader } from '../leader.entities';
import { LeaderHindrance } from '../leader-option-rules';
import { RankTier } from '../rank-tier';

/** What anyone allowed to see a leader at all may see. */
const PUBLIC_FIELDS = ['id', 'fullName', 'position', 'rankTier', 'organisation'] as const;

/**
 * A leader in the register. Everyone allowed to see leaders gets who they are; contacts, availability
 * and preferences (every other field) are sent to central planners only (need-to-know).
 */
@ApiSchema({ description: 'Central planners get the whole record; others only id, fullName, position, rankTier and organisation.' })
export class LeaderView extends IntersectionType(
  PickType(Leader, PUBLIC_FIELDS),
  PartialType(OmitType(Leader, [...PUBLIC_FIELDS, 'homeProvince', 'baseProvince'] as const)),
) {}

export class LeaderViewPage extends pageOf(LeaderView) {}

/** Contacts, availability and preferences stay with planners (need-to-know). */
export function toLeaderView(leader: Leader, actor: Actor): LeaderView {
  if (canSeeLeaderContacts(actor)) return leader;
  const { id, fullName, position, rankTier, organisation } = leader;
  return { id, fullName, position, rankTier, organisation };
}

/** A leader attending a venue, as the venue's page lists them. */
export class VenueLeaderView {
  leaderId: string;
  fullName: string;
  /** The title used for this edition (falls back to the current position). */
  title: string;
  rankTier: RankTier;
  role: AssignmentRole;
}

export class LeaderHindranceView {
  @ApiProperty({ enum: LeaderHindrance, enumName: 'LeaderHindrance' })
  code: LeaderHindrance;
  /** In Vietnamese, with the dates, the other venue or the limit. */
  message: string;
}

/**
 * A leader as the picker on a venue offers them (planners only): appearances used / allowed this
 * edition, whether free on the venue's date, and why not.
 */
export class LeaderOptionView {
  leaderId: string;
  fullName: string;
  /** The title used for this edition (falls back to the current position). */
  title: string;
  rankTier: RankTier;
  /** The edition's venues (not dropped) they attend, this one left out. */
  appearancesUsed: number;
  appearancesAllowed: number;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Null while the venue has no date' })
  freeOnDate: boolean | null;
  /** Free that day with an appearance left: an assignment would be accepted (as accompanying at least). */
  canAttend: boolean;
  /** Rank enough to be this venue's chief guest. */
  fitsChiefGuest: boolean;
  @ApiProperty({ type: () => [LeaderHindranceView] })
  hindrances: LeaderHindranceView[];
}

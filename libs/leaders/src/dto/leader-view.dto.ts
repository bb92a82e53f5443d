import { ApiSchema, IntersectionType, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { type Actor, canSeeLeaderContacts } from '@app/auth';
import { pageOf } from '@app/common';
import { AssignmentRole, Leader } from '../leader.entities';
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

import type { Actor } from '@app/auth/actor';
import { canSeeLeaderContacts } from '@app/auth/actor';
import type { Leader } from './leader.entities';

/** What anyone allowed to see a leader at all may see. */
export interface LeaderPublicView {
  id: string;
  fullName: string;
  position: string;
  rankTier: Leader['rankTier'];
  organisation: string;
}

export type LeaderView = LeaderPublicView | Leader;

/** Contacts, availability and preferences stay with planners (need-to-know). */
export function toLeaderView(leader: Leader, actor: Actor): LeaderView {
  if (canSeeLeaderContacts(actor)) return leader;
  const { id, fullName, position, rankTier, organisation } = leader;
  return { id, fullName, position, rankTier, organisation };
}

/**
 * Protocol (lễ tân) at a festival point, as pure functions: the order of precedence of everyone who
 * sits among the delegates, the front rows (hàng ghế đại biểu) filled from it, and what moved when the
 * attendance changed after a plan was drawn. No Nest, no database: the service feeds them rows.
 */
import { RANK_TIER_ORDER, RankTier } from '@app/leaders';
import { PRECEDENCE_GROUP_ORDER, PrecedenceGroup, SEATED_GROUPS } from './protocol.enums';

export { PRECEDENCE_GROUP_NAMES, PrecedenceGroup } from './protocol.enums';

export interface Attendee {
  /** `invitation:<id>` for an invited delegate, `guest:<id>` for a guest the province listed. */
  key: string;
  name: string;
  title: string | null;
  group: PrecedenceGroup;
  /** Central delegates: the leader's rank tier (a deputy: their principal's). */
  tier: RankTier | null;
  /** A deputy attending in a leader's place sits after the leaders of that leader's tier. */
  deputy: boolean;
  /** The venue's chief guest (khách chính) goes first among equals. */
  chiefGuest: boolean;
  /** Guests: the province's own order within the group (1 first); none = after the numbered ones. */
  rank: number | null;
}

/** A planner's move of one attendee to a place in the order (1 = first), with the reason for it. */
export interface PrecedenceOverride {
  attendeeKey: string;
  position: number;
  reason: string;
}

export interface RankedAttendee extends Attendee {
  position: number;
  /** The reason of the planner's override that placed this attendee, if one did. */
  overrideReason: string | null;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base' });

function compareDerived(a: Attendee, b: Attendee): number {
  const group = PRECEDENCE_GROUP_ORDER.indexOf(a.group) - PRECEDENCE_GROUP_ORDER.indexOf(b.group);
  if (group !== 0) return group;
  const tierIndex = (tier: RankTier | null) => (tier === null ? RANK_TIER_ORDER.length : RANK_TIER_ORDER.indexOf(tier));
  const tier = tierIndex(a.tier) - tierIndex(b.tier);
  if (tier !== 0) return tier;
  if (a.deputy !== b.deputy) return a.deputy ? 1 : -1;
  if (a.chiefGuest !== b.chiefGuest) return a.chiefGuest ? -1 : 1;
  const rank = (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER);
  if (rank !== 0) return rank;
  // Ties end in name order, then key: the same attendance always gives the same order.
  return collator.compare(a.name, b.name) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * The order of precedence: derived from group, tier, deputy, chief guest, the province's rank and the
 * name; then each override (of an attendee still attending) takes its position, lowest position first,
 * the others keeping their derived order around them. An override past the end puts its attendee last.
 */
export function orderOfPrecedence(attendees: readonly Attendee[], overrides: readonly PrecedenceOverride[]): RankedAttendee[] {
  const present = new Set(attendees.map((attendee) => attendee.key));
  const applicable = overrides.filter((override) => present.has(override.attendeeKey)).sort((a, b) => a.position - b.position);
  const overridden = new Map(applicable.map((override) => [override.attendeeKey, override]));
  const order = attendees.filter((attendee) => !overridden.has(attendee.key)).sort(compareDerived);
  const byKey = new Map(attendees.map((attendee) => [attendee.key, attendee]));
  for (const override of applicable) {
    const index = Math.min(Math.max(override.position, 1), order.length + 1) - 1;
    order.splice(index, 0, byKey.get(override.attendeeKey)!);
  }
  return order.map((attendee, index) => ({ ...attendee, position: index + 1, overrideReason: overridden.get(attendee.key)?.reason ?? null }));
}

/**
 * The seats of one row in the order they are filled: the centre seat, then alternately the seat to its
 * right and to its left, as seen by the delegates facing the stage. Seats are numbered 1…n from left
 * to right from that same view; with an even number the centre is the left one of the middle two.
 */
export function seatFillingOrder(seatsPerRow: number): number[] {
  const centre = Math.ceil(seatsPerRow / 2);
  const order = [centre];
  for (let step = 1; order.length < seatsPerRow; step++) {
    if (centre + step <= seatsPerRow) order.push(centre + step);
    if (centre - step >= 1) order.push(centre - step);
  }
  return order;
}

export interface Seat {
  row: number;
  seat: number;
  attendeeKey: string;
}

/** Who sits in the front rows, in order: the press attend (with passes) but are not seated among the delegates. */
export function seatedAttendees<T extends { group: PrecedenceGroup }>(ordered: readonly T[]): T[] {
  return ordered.filter((attendee) => SEATED_GROUPS.includes(attendee.group));
}

/** Fills the front rows by precedence: the first row from its centre out, then the next row. */
export function fillFrontRows(ordered: readonly { key: string }[], rows: number, seatsPerRow: number): Seat[] {
  const filling = seatFillingOrder(seatsPerRow);
  const seats: Seat[] = [];
  for (let index = 0; index < ordered.length && index < rows * seatsPerRow; index++) {
    seats.push({ row: Math.floor(index / seatsPerRow) + 1, seat: filling[index % seatsPerRow], attendeeKey: ordered[index].key });
  }
  return seats.sort((a, b) => a.row - b.row || a.seat - b.seat);
}

export type SeatingChange =
  | { kind: 'left'; attendeeKey: string; row: number; seat: number }
  | { kind: 'unseated'; attendeeKey: string; shouldSit: { row: number; seat: number } }
  | { kind: 'moved'; attendeeKey: string; from: { row: number; seat: number }; to: { row: number; seat: number } };

/**
 * What a saved seating plan no longer agrees with, now: a seated attendee who no longer comes (a
 * substitution, a withdrawal), someone precedence now puts in the front rows who has no seat there,
 * and (for a plan nobody edited by hand) anyone whose seat precedence now changes.
 */
export function seatingChanges(saved: readonly Seat[], current: readonly Seat[], attending: ReadonlySet<string>, editedByHand: boolean): SeatingChange[] {
  const changes: SeatingChange[] = [];
  const savedByKey = new Map(saved.map((seat) => [seat.attendeeKey, seat]));
  for (const seat of saved) {
    if (!attending.has(seat.attendeeKey)) changes.push({ kind: 'left', attendeeKey: seat.attendeeKey, row: seat.row, seat: seat.seat });
  }
  for (const seat of current) {
    const was = savedByKey.get(seat.attendeeKey);
    if (!was) changes.push({ kind: 'unseated', attendeeKey: seat.attendeeKey, shouldSit: { row: seat.row, seat: seat.seat } });
    else if (!editedByHand && (was.row !== seat.row || was.seat !== seat.seat)) {
      changes.push({ kind: 'moved', attendeeKey: seat.attendeeKey, from: { row: was.row, seat: was.seat }, to: { row: seat.row, seat: seat.seat } });
    }
  }
  return changes;
}

/** Why a hand-edited plan cannot be saved, or null: seats inside the rows, one attendee per seat, one seat each, attendees who come. */
export function seatingPlanFault(seats: readonly Seat[], rows: number, seatsPerRow: number, attending: ReadonlySet<string>): string | null {
  const places = new Set<string>();
  const people = new Set<string>();
  for (const seat of seats) {
    if (seat.row < 1 || seat.row > rows || seat.seat < 1 || seat.seat > seatsPerRow) {
      return `Ghế hàng ${seat.row}, số ${seat.seat} nằm ngoài sơ đồ (${rows} hàng × ${seatsPerRow} ghế).`;
    }
    const place = `${seat.row}:${seat.seat}`;
    if (places.has(place)) return `Ghế hàng ${seat.row}, số ${seat.seat} được xếp cho hai người.`;
    if (people.has(seat.attendeeKey)) return 'Một đại biểu được xếp hai ghế.';
    if (!attending.has(seat.attendeeKey)) return 'Có người được xếp ghế nhưng không có trong danh sách dự.';
    places.add(place);
    people.add(seat.attendeeKey);
  }
  return null;
}

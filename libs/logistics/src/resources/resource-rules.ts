/**
 * Shared-resource rules as plain functions: road time between two venues and what a new booking
 * clashes with. No Nest, no database: the service feeds them rows and turns a clash into an error.
 *
 * Roads are longer than the great circle: each function takes the road-distance factor (road
 * kilometres per straight-line kilometre, AppConfig.ROAD_DISTANCE_FACTOR, the one the planning solver
 * uses too); a resource's own speed (default 40 km/h) carries the rest of the terrain.
 */
import { getDistance } from 'geolib';
import { formatVietnameseDate, instantToLocalDate, instantToLocalTime } from '@app/common';

export interface Place {
  venueId: string;
  latitude: number;
  longitude: number;
}

/** How a resource moves: its average road speed and its teardown + setup time between two venues. */
export interface TravelProfile {
  travelSpeedKmh: number;
  bufferMinutes: number;
}

export interface BookingSpan extends Place {
  /** Absent for the candidate before it is saved; present to skip itself when re-checking. */
  id?: string;
  startsAt: Date;
  endsAt: Date;
}

export type Clash<T extends BookingSpan> =
  | { kind: 'overlap'; booking: T }
  | {
      kind: 'travel';
      booking: T;
      /** The clashing booking is before the candidate (the resource comes from it) or after (goes to it). */
      position: 'before' | 'after';
      requiredMinutes: number;
      availableMinutes: number;
      roadKm: number;
    };

/** Estimated road kilometres between two places: great circle × the road-distance factor. */
function roadKm(from: Place, to: Place, roadFactor: number): number {
  return (getDistance({ latitude: from.latitude, longitude: from.longitude }, { latitude: to.latitude, longitude: to.longitude }) / 1000) * roadFactor;
}

/** The same, to one decimal, as shown to people. */
export function roadDistanceKm(from: Place, to: Place, roadFactor: number): number {
  return Math.round(roadKm(from, to, roadFactor) * 10) / 10;
}

/**
 * Minutes the resource needs between the end of a booking at `from` and the start of one at `to`:
 * road time plus its buffer. Staying at the same venue needs neither (back-to-back is fine there).
 */
export function travelMinutes(from: Place, to: Place, resource: TravelProfile, roadFactor: number): number {
  if (from.venueId === to.venueId) return 0;
  return Math.ceil((roadKm(from, to, roadFactor) / resource.travelSpeedKmh) * 60) + resource.bufferMinutes;
}

const MINUTE = 60_000;

function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/**
 * What the candidate clashes with among the resource's other bookings, or null:
 * - the first booking (by start) it overlaps — always refused;
 * - else its neighbour before, then after, if the gap is shorter than the road between the two venues.
 *
 * Only the neighbours are checked because the resource travels leg by leg (A → B → C, never A → C
 * with B in between); the road and the buffer obey the triangle inequality, so legs that fit imply
 * that farther bookings fit too.
 */
export function findClash<T extends BookingSpan>(candidate: BookingSpan, existing: readonly T[], resource: TravelProfile, roadFactor: number): Clash<T> | null {
  const others = existing.filter((booking) => !candidate.id || booking.id !== candidate.id).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const overlapping = others.find((booking) => overlaps(candidate, booking));
  if (overlapping) return { kind: 'overlap', booking: overlapping };

  const before = others.filter((booking) => booking.endsAt.getTime() <= candidate.startsAt.getTime()).at(-1);
  const after = others.find((booking) => booking.startsAt.getTime() >= candidate.endsAt.getTime());
  const legs: Array<[T | undefined, 'before' | 'after']> = [
    [before, 'before'],
    [after, 'after'],
  ];
  for (const [booking, position] of legs) {
    if (!booking) continue;
    const gap = position === 'before' ? candidate.startsAt.getTime() - booking.endsAt.getTime() : booking.startsAt.getTime() - candidate.endsAt.getTime();
    const requiredMinutes = travelMinutes(booking, candidate, resource, roadFactor);
    if (gap < requiredMinutes * MINUTE) {
      return {
        kind: 'travel',
        booking,
        position,
        requiredMinutes,
        availableMinutes: Math.floor(gap / MINUTE),
        roadKm: roadDistanceKm(booking, candidate, roadFactor),
      };
    }
  }
  return null;
}

export interface Span {
  startsAt: Date;
  endsAt: Date;
}

/**
 * Where a booking goes when its venue's hours move: its start follows the venue's start and its end the
 * venue's end, so the time the resource arrives before the programme and stays after it keep their
 * length. A booking that shorter hours would turn inside out (one inside the programme) moves whole
 * with the start. Unchanged when either side has no hours.
 */
export function followVenueHours(
  booking: Span,
  before: { startsAt: Date | null; endsAt: Date | null },
  after: { startsAt: Date | null; endsAt: Date | null },
): Span {
  if (!before.startsAt || !before.endsAt || !after.startsAt || !after.endsAt) return { startsAt: booking.startsAt, endsAt: booking.endsAt };
  const startShift = after.startsAt.getTime() - before.startsAt.getTime();
  const endShift = after.endsAt.getTime() - before.endsAt.getTime();
  const startsAt = new Date(booking.startsAt.getTime() + startShift);
  const endsAt = new Date(booking.endsAt.getTime() + endShift);
  return endsAt.getTime() > startsAt.getTime() ? { startsAt, endsAt } : { startsAt, endsAt: new Date(booking.endsAt.getTime() + startShift) };
}

/** "từ 07:30 đến 11:30 ngày 15/08/2027", or with both dates when the span crosses midnight. */
export function describeSpan(startsAt: Date, endsAt: Date): string {
  const startDate = instantToLocalDate(startsAt);
  const endDate = instantToLocalDate(endsAt);
  if (startDate === endDate) return `từ ${instantToLocalTime(startsAt)} đến ${instantToLocalTime(endsAt)} ngày ${formatVietnameseDate(startDate)}`;
  return `từ ${instantToLocalTime(startsAt)} ngày ${formatVietnameseDate(startDate)} đến ${instantToLocalTime(endsAt)} ngày ${formatVietnameseDate(endDate)}`;
}

/** "3 giờ 40 phút", "2 giờ", "45 phút". */
export function describeDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} phút`;
  return rest === 0 ? `${hours} giờ` : `${hours} giờ ${rest} phút`;
}

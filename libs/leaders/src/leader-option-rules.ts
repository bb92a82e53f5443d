/**
 * Whether a leader can be chosen for a venue, and why not, as plain functions (issue 18, the leader
 * picker): appearances used / allowed this edition, free on the venue's date or not (unavailable, or
 * already at another venue that day), and whether their rank suits the chief guest of a central venue.
 * The same rules the assignment enforces (AssignmentsService.assertCanAttend), said before choosing.
 */
import { formatVietnameseDate, type IsoDate } from '@app/common';
import { CENTRAL_CHIEF_GUEST_MIN_TIER, RANK_TIER_NAMES, RANK_TIER_ORDER, RankTier } from './rank-tier';

export enum LeaderHindrance {
  /** An unavailability range covers the venue's date. */
  Unavailable = 'unavailable',
  /** Already attending another venue of the edition that day. */
  Clash = 'clash',
  /** Every allowed appearance of the edition is used. */
  MaxAppearances = 'max_appearances',
  /** Below the rank a central venue's chief guest must hold (they may still accompany). */
  Tier = 'tier',
}

export interface AttendedVenue {
  id: string;
  name: string;
  scheduledDate: IsoDate | null;
}

export interface LeaderOptionFacts {
  venue: { id: string; scheduledDate: IsoDate | null; central: boolean };
  rankTier: RankTier;
  /** From the leader's participation in the edition; 1 without one. */
  maxAppearances: number;
  /** The edition's venues (not dropped) the leader attends, this one left out. */
  attended: readonly AttendedVenue[];
  /** The range covering the venue's date, if any. */
  unavailable: { startDate: IsoDate; endDate: IsoDate; reason: string | null } | null;
}

export interface LeaderOptionVerdict {
  appearancesUsed: number;
  appearancesAllowed: number;
  /** Null while the venue has no date. */
  freeOnDate: boolean | null;
  /** Free that day and an appearance left: the assignment would be accepted (as accompanying at least). */
  canAttend: boolean;
  /** Rank enough to be the chief guest here. */
  fitsChiefGuest: boolean;
  /** Why not, each said in Vietnamese; the tier's only when the leader falls short of chief guest here. */
  hindrances: { code: LeaderHindrance; message: string }[];
}

export function leaderOptionVerdict(facts: LeaderOptionFacts): LeaderOptionVerdict {
  const hindrances: LeaderOptionVerdict['hindrances'] = [];
  const date = facts.venue.scheduledDate;
  const attended = facts.attended.filter((venue) => venue.id !== facts.venue.id);
  if (date && facts.unavailable) {
    const { startDate, endDate, reason } = facts.unavailable;
    const span =
      startDate === endDate ? `ngày ${formatVietnameseDate(startDate)}` : `từ ${formatVietnameseDate(startDate)} đến ${formatVietnameseDate(endDate)}`;
    hindrances.push({ code: LeaderHindrance.Unavailable, message: `Bận ${span}${reason ? ` (${reason})` : ''}.` });
  }
  const clash = date ? attended.find((venue) => venue.scheduledDate === date) : undefined;
  if (clash) hindrances.push({ code: LeaderHindrance.Clash, message: `Đã dự "${clash.name}" cùng ngày ${formatVietnameseDate(date!)}.` });
  const used = attended.length;
  if (used >= facts.maxAppearances) {
    hindrances.push({ code: LeaderHindrance.MaxAppearances, message: `Đã dùng hết số lần dự trong đợt (${used}/${facts.maxAppearances}).` });
  }
  const fitsChiefGuest = !facts.venue.central || RANK_TIER_ORDER.indexOf(facts.rankTier) <= RANK_TIER_ORDER.indexOf(CENTRAL_CHIEF_GUEST_MIN_TIER);
  if (!fitsChiefGuest) {
    hindrances.push({
      code: LeaderHindrance.Tier,
      message: `Chưa đủ cấp dự chính điểm cấp trung ương (cần ${RANK_TIER_NAMES[CENTRAL_CHIEF_GUEST_MIN_TIER].toLocaleLowerCase('vi')} trở lên); có thể dự cùng.`,
    });
  }
  const freeOnDate = date ? !hindrances.some((hindrance) => hindrance.code === LeaderHindrance.Unavailable || hindrance.code === LeaderHindrance.Clash) : null;
  return {
    appearancesUsed: used,
    appearancesAllowed: facts.maxAppearances,
    freeOnDate,
    canAttend: freeOnDate !== false && used < facts.maxAppearances,
    fitsChiefGuest,
    hindrances,
  };
}

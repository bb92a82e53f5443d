/**
 * Why a venue is left without a chief guest (or short of accompanying leaders), in words a planner can
 * act on. First the reasons visible in the venue alone (no date in the window, no leader of the tier,
 * everyone banned or busy, a pin that cannot hold), then, for venues that only lose out to other
 * venues, a diagnosis solve: the rule rows get named relax_* slacks, every venue coverable on its own
 * must be covered, and the rows the cheapest relaxation violates are the rules that block it.
 */
import { formatVietnameseDate, type IsoDate } from '@app/common';
import type { CandidateSet } from './candidates';
import type { Highs } from './highs';
import { buildModel, candidateColumn, Row, rowActivity, runHighs } from './model';
import { isInWindow, maxAppearances } from './planning-rules';
import type { Explanation, PlanningInstance, PlanningLeader, PlanningVenue, SlackUse } from './planning.types';

const dates = (list: readonly IsoDate[]) => list.map(formatVietnameseDate).join(', ');
const quoted = (venue: PlanningVenue) => `"${venue.name}"`;
const leaderNames = (leaders: readonly PlanningLeader[]) => leaders.map((leader) => `đồng chí ${leader.name}`).join(', ');

/** Reasons found in the instance alone, without solving. Undefined when the venue could be covered on its own. */
export function staticReason(set: CandidateSet, v: number): Explanation | undefined {
  const { instance } = set;
  const venue = instance.venues[v];
  const explain = (code: string, message: string, details: Record<string, unknown> = {}): Explanation => ({
    venueId: venue.id,
    code,
    message,
    details,
  });
  const byId = new Map(instance.leaders.map((leader) => [leader.id, leader]));
  const banned = new Set((instance.bans ?? []).filter((ban) => ban.venueId === venue.id).map((ban) => ban.leaderId));
  const datePins = (instance.datePins ?? []).filter((pin) => pin.venueId === venue.id);
  const pinnedDates = [...new Set(datePins.map((pin) => pin.date))];

  if (pinnedDates.length > 1) {
    return explain('PIN_DATE_CONFLICT', `Điểm ${quoted(venue)} bị ghim vào nhiều ngày khác nhau (${dates(pinnedDates)}); chỉ được ghim một ngày.`, {
      dates: pinnedDates,
    });
  }
  if (pinnedDates.length === 1 && !isInWindow(pinnedDates[0], instance.settings)) {
    return explain(
      'PIN_DATE_OUTSIDE_WINDOW',
      `Ngày ghim ${formatVietnameseDate(pinnedDates[0])} của điểm ${quoted(venue)} nằm ngoài thời gian tổ chức của đợt (${dates([instance.settings.windowStart, instance.settings.windowEnd]).replace(', ', ' – ')}).`,
      { date: pinnedDates[0] },
    );
  }
  if (pinnedDates.length === 1 && !venue.candidateDates.includes(pinnedDates[0])) {
    return explain(
      'PIN_DATE_NOT_CANDIDATE',
      `Ngày ghim ${formatVietnameseDate(pinnedDates[0])} không nằm trong các ngày địa phương đề xuất cho điểm ${quoted(venue)} (${dates(venue.candidateDates) || 'chưa có ngày đề xuất'}).`,
      { date: pinnedDates[0], candidateDates: venue.candidateDates },
    );
  }
  const usable = set.venueDates[v];
  if (!usable.length) {
    return explain('NO_DATE_IN_WINDOW', `Điểm ${quoted(venue)} không có ngày đề xuất nào trong thời gian tổ chức của đợt; cần bổ sung ngày đề xuất.`, {
      candidateDates: venue.candidateDates,
    });
  }

  const chiefPins = [
    ...new Set(
      (instance.leaderPins ?? []).filter((pin) => pin.venueId === venue.id && (pin.role ?? 'chief_guest') === 'chief_guest').map((pin) => pin.leaderId),
    ),
  ];
  if (chiefPins.length > 1) {
    return explain('PIN_LEADER_CONFLICT', `Điểm ${quoted(venue)} được ghim nhiều lãnh đạo dự chính; mỗi điểm chỉ có một đồng chí dự chính.`, {
      leaderIds: chiefPins,
    });
  }
  if (chiefPins.length === 1) {
    const problem = pinProblem(set, venue, chiefPins[0], 'chief_guest', banned, usable);
    if (problem) return problem;
  }

  const qualified = instance.leaders.filter((leader) => leader.tierRank <= venue.requiredTierRank);
  if (!qualified.length) {
    return explain('NO_LEADER_OF_TIER', `Không có đồng chí lãnh đạo nào đủ cấp dự chính tại điểm ${quoted(venue)} trong danh sách lãnh đạo của đợt.`, {
      requiredTierRank: venue.requiredTierRank,
    });
  }
  const allowed = qualified.filter((leader) => !banned.has(leader.id));
  if (!allowed.length) {
    return explain(
      'ALL_QUALIFIED_BANNED',
      `Tất cả các đồng chí đủ cấp dự chính tại điểm ${quoted(venue)} đều bị loại trừ khỏi điểm này (${leaderNames(qualified)}).`,
      { leaderIds: qualified.map((leader) => leader.id) },
    );
  }
  const free = allowed.filter((leader) => usable.some((date) => leader.availableDates.includes(date)));
  if (!free.length) {
    return explain('QUALIFIED_UNAVAILABLE', `Không đồng chí lãnh đạo đủ cấp nào rảnh vào các ngày đề xuất của điểm ${quoted(venue)} (${dates(usable)}).`, {
      dates: usable,
      leaderIds: allowed.map((leader) => leader.id),
    });
  }

  const accompanyingPins = [
    ...new Set((instance.leaderPins ?? []).filter((pin) => pin.venueId === venue.id && pin.role === 'accompanying').map((pin) => pin.leaderId)),
  ];
  if (accompanyingPins.length > (venue.accompanying ?? 0)) {
    return explain(
      'PIN_ACCOMPANYING_TOO_MANY',
      `Điểm ${quoted(venue)} có ${accompanyingPins.length} đồng chí được ghim đi cùng, nhiều hơn số lãnh đạo đi cùng điểm đề nghị (${venue.accompanying ?? 0}).`,
      { leaderIds: accompanyingPins, requested: venue.accompanying ?? 0 },
    );
  }
  for (const leaderId of accompanyingPins) {
    const problem = pinProblem(set, venue, leaderId, 'accompanying', banned, usable);
    if (problem) return problem;
    const pinnedIndex = set.leaderIndex.get(leaderId);
    const chiefDays = new Set(set.chiefByVenue[v].filter((c) => set.candidates[c].leader !== pinnedIndex).map((c) => set.candidates[c].date));
    const together = usable.filter((date) => chiefDays.has(date) && byId.get(leaderId)!.availableDates.includes(date));
    if (!together.length) {
      return explain(
        'PIN_ACCOMPANYING_NO_COMMON_DATE',
        `Đồng chí ${byId.get(leaderId)!.name} được ghim đi cùng tại điểm ${quoted(venue)} nhưng không có ngày nào đồng chí rảnh mà điểm cũng có một đồng chí khác đủ cấp dự chính.`,
        { leaderId },
      );
    }
  }

  // A leader pinned to more venues than their maximum: all those venues share the reason.
  for (const pin of (instance.leaderPins ?? []).filter((p) => p.venueId === venue.id)) {
    const leader = byId.get(pin.leaderId);
    if (!leader) continue;
    const pinnedVenues = new Set((instance.leaderPins ?? []).filter((p) => p.leaderId === leader.id).map((p) => p.venueId));
    if (pinnedVenues.size > maxAppearances(leader)) {
      return explain(
        'PIN_OVER_MAX',
        `Đồng chí ${leader.name} được ghim vào ${pinnedVenues.size} điểm, vượt số lần dự tối đa (${maxAppearances(leader)}) trong đợt.`,
        { leaderId: leader.id, venueIds: [...pinnedVenues], maximum: maxAppearances(leader) },
      );
    }
  }
  return undefined;
}

function pinProblem(
  set: CandidateSet,
  venue: PlanningVenue,
  leaderId: string,
  role: 'chief_guest' | 'accompanying',
  banned: ReadonlySet<string>,
  usable: readonly IsoDate[],
): Explanation | undefined {
  const leader = set.instance.leaders.find((candidate) => candidate.id === leaderId);
  const as = role === 'chief_guest' ? 'dự chính' : 'đi cùng';
  const explain = (code: string, message: string, details: Record<string, unknown> = {}): Explanation => ({
    venueId: venue.id,
    code,
    message,
    details: { leaderId, role, ...details },
  });
  const prefix = role === 'chief_guest' ? 'PIN_LEADER' : 'PIN_ACCOMPANYING';
  if (!leader) return explain(`${prefix}_UNKNOWN`, `Lãnh đạo được ghim ${as} tại điểm ${quoted(venue)} không có trong danh sách lãnh đạo của đợt.`);
  const requiredRank = role === 'chief_guest' ? venue.requiredTierRank : (venue.accompanyingTierRank ?? Infinity);
  if (leader.tierRank > requiredRank) {
    return explain(`${prefix}_TIER`, `Đồng chí ${leader.name} được ghim ${as} tại điểm ${quoted(venue)} nhưng chưa đủ cấp theo yêu cầu của điểm.`);
  }
  if (banned.has(leader.id)) {
    return explain(`${prefix}_BANNED`, `Đồng chí ${leader.name} vừa được ghim ${as} vừa bị loại trừ khỏi điểm ${quoted(venue)}; cần bỏ một trong hai.`);
  }
  if (role === 'accompanying' && !(venue.accompanying ?? 0)) {
    return explain(`${prefix}_NOT_REQUESTED`, `Điểm ${quoted(venue)} không đề nghị lãnh đạo đi cùng, nhưng đồng chí ${leader.name} được ghim đi cùng tại đây.`);
  }
  if (!usable.some((date) => leader.availableDates.includes(date))) {
    return explain(
      `${prefix}_UNAVAILABLE`,
      `Đồng chí ${leader.name} được ghim ${as} tại điểm ${quoted(venue)} nhưng bận vào tất cả các ngày có thể tổ chức (${dates(usable)}).`,
      { dates: usable },
    );
  }
  return undefined;
}

const FAMILY_ORDER: readonly Row['family'][] = ['capday', 'capprov', 'max', 'day', 'travel'];

/**
 * Explanations for the uncovered venues: static reasons first, then one diagnosis solve for the rest.
 * `uncovered` are venue indexes without a chief guest in `chosen`, the plan's candidates.
 */
export function explainUncovered(
  highs: Highs,
  set: CandidateSet,
  uncovered: readonly number[],
  chosen: readonly number[],
): { explanations: Explanation[]; slacks: SlackUse[]; solves: number } {
  const { instance } = set;
  const explanations = new Map<number, Explanation>();
  const blocked = new Set<number>();
  instance.venues.forEach((_, v) => {
    const reason = staticReason(set, v);
    if (!reason) return;
    blocked.add(v);
    if (uncovered.includes(v)) explanations.set(v, reason);
  });
  const contended = uncovered.filter((v) => !explanations.has(v));
  if (!contended.length) return { explanations: uncovered.map((v) => explanations.get(v)!), slacks: [], solves: 0 };

  // Only the plan's candidates and the contended venues' own: the question is what stops each of these
  // venues from joining this plan, and the model stays small whatever the instance.
  const keep = new Set(chosen);
  const built = buildModel(set, { elastic: { mayStayUncovered: blocked, keep } });
  const open = new Set(contended.flatMap((v) => [...set.chiefByVenue[v], ...set.accompanyingByVenue[v]]));
  const exclude = new Set(set.candidates.filter((c) => !keep.has(c.index) && !open.has(c.index)).map((c) => candidateColumn(c.index)));
  let values = new Map<string, number>();
  try {
    values = runHighs(highs, built.model.toModelData('relaxations', { exclude }), instance.settings).values;
  } catch {
    // A combination of pins no relaxation of these rules can fix: the generic reason below.
  }
  const slacks: SlackUse[] = [];
  for (const column of built.model.columns.values()) {
    const value = values.get(column.name) ?? 0;
    if (column.relax && value > 1e-6) slacks.push({ name: column.name, value: Math.round(value * 1e6) / 1e6 });
  }
  const violated = built.model.rows.filter((row) => FAMILY_ORDER.includes(row.family) && rowActivity(built.model, row, values) > row.rhs + 1e-6);
  for (const v of contended) {
    const mine = new Set(set.chiefByVenue[v].filter((c) => (values.get(candidateColumn(c)) ?? 0) > 0.5).map(candidateColumn));
    const own = violated
      .filter((row) => row.terms.some(([, name]) => mine.has(name)))
      .sort((a, b) => FAMILY_ORDER.indexOf(a.family) - FAMILY_ORDER.indexOf(b.family));
    explanations.set(v, contentionReason(set, v, own, violated, values));
  }
  return { explanations: uncovered.map((v) => explanations.get(v)!), slacks, solves: 1 };
}

function contentionReason(set: CandidateSet, v: number, own: readonly Row[], violated: readonly Row[], values: ReadonlyMap<string, number>): Explanation {
  const { instance, candidates } = set;
  const venue = instance.venues[v];
  const rules = (own.length ? own : violated).map((row) => ruleOf(instance, row));
  const details = { rules, relaxedRows: (own.length ? own : violated).map((row) => row.name) };
  const first = own[0];
  const leader = first?.meta?.leader !== undefined ? instance.leaders[first.meta.leader] : undefined;
  const on = first?.meta?.date ? formatVietnameseDate(first.meta.date) : '';
  switch (first?.family) {
    case 'capday':
      return {
        venueId: venue.id,
        code: 'CAPACITY_TOP_TIER_DAY',
        message: `Điểm ${quoted(venue)} chưa xếp được lãnh đạo dự chính vì giới hạn lực lượng bảo vệ: tối đa ${instance.settings.maxTopTierPerDay} đồng chí lãnh đạo cấp cao dự Ngày hội trong một ngày trên cả nước (ngày ${on} đã đủ).`,
        details,
      };
    case 'capprov':
      return {
        venueId: venue.id,
        code: 'CAPACITY_TOP_TIER_PROVINCE',
        message: `Điểm ${quoted(venue)} chưa xếp được lãnh đạo dự chính vì giới hạn lực lượng bảo vệ: tối đa ${instance.settings.maxTopTierPerProvinceDay} đồng chí lãnh đạo cấp cao trong một tỉnh, thành phố mỗi ngày (ngày ${on} đã đủ).`,
        details,
      };
    case 'max':
      return {
        venueId: venue.id,
        code: 'LEADER_MAX_APPEARANCES',
        message: `Điểm ${quoted(venue)} chưa xếp được lãnh đạo dự chính: đồng chí ${leader!.name}, người có thể dự, đã đủ số lần dự tối đa (${maxAppearances(leader!)}) trong đợt.`,
        details,
      };
    case 'day':
      return {
        venueId: venue.id,
        code: 'LEADER_SAME_DAY',
        message: `Điểm ${quoted(venue)} chưa xếp được lãnh đạo dự chính: đồng chí ${leader!.name} chỉ dự được một điểm mỗi ngày và ngày ${on} đã có lịch dự điểm khác.`,
        details,
      };
    case 'travel': {
      const other = first.terms
        .map(([, name]) => candidates[Number(name.slice(1))])
        .find((candidate) => candidate && candidate.venue !== v && (values.get(candidateColumn(candidate.index)) ?? 0) > 0.5);
      const otherVenue = other ? instance.venues[other.venue] : undefined;
      const gap = other ? set.daysApart(v, other.venue) : undefined;
      return {
        venueId: venue.id,
        code: 'LEADER_TRAVEL_TIME',
        message: otherVenue
          ? `Điểm ${quoted(venue)} chưa xếp được lãnh đạo dự chính: đồng chí ${leader!.name} không đủ thời gian di chuyển giữa điểm này và điểm ${quoted(otherVenue)} (cần cách nhau ít nhất ${gap} ngày).`
          : `Điểm ${quoted(venue)} chưa xếp được lãnh đạo dự chính: đồng chí ${leader!.name} không đủ thời gian di chuyển giữa các điểm.`,
        details: { ...details, otherVenueId: otherVenue?.id, minDaysApart: gap },
      };
    }
    default:
      return {
        venueId: venue.id,
        code: 'LEADERS_TAKEN',
        message: `Điểm ${quoted(venue)} chưa xếp được lãnh đạo dự chính: các đồng chí đủ cấp và rảnh vào ngày đề xuất đều đã được xếp cho điểm khác${rules.length ? ` (${rules.join('; ')})` : ''}.`,
        details,
      };
  }
}

/** One rule row in a few Vietnamese words, for details and the catch-all message. */
function ruleOf(instance: PlanningInstance, row: Row): string {
  const leader = row.meta?.leader !== undefined ? instance.leaders[row.meta.leader] : undefined;
  const on = row.meta?.date ? formatVietnameseDate(row.meta.date) : '';
  switch (row.family) {
    case 'capday':
      return `tối đa ${instance.settings.maxTopTierPerDay} lãnh đạo cấp cao ngày ${on}`;
    case 'capprov':
      return `tối đa ${instance.settings.maxTopTierPerProvinceDay} lãnh đạo cấp cao mỗi tỉnh ngày ${on}`;
    case 'max':
      return `đồng chí ${leader?.name} dự tối đa ${leader ? maxAppearances(leader) : ''} lần`;
    case 'day':
      return `đồng chí ${leader?.name} một điểm ngày ${on}`;
    case 'travel':
      return `thời gian di chuyển của đồng chí ${leader?.name}`;
    default:
      return row.name;
  }
}

/** Why a covered venue has fewer accompanying leaders than it asked for. */
export function explainShort(set: CandidateSet, v: number, date: IsoDate, chiefLeader: number, missing: number): Explanation {
  const venue = set.instance.venues[v];
  const eligible = new Set(
    set.accompanyingByVenue[v].filter((c) => set.candidates[c].date === date && set.candidates[c].leader !== chiefLeader).map((c) => set.candidates[c].leader),
  );
  const needed = venue.accompanying ?? 0;
  if (eligible.size < needed) {
    return {
      venueId: venue.id,
      code: 'ACCOMPANYING_NOT_ENOUGH_LEADERS',
      message: `Điểm ${quoted(venue)} cần ${needed} đồng chí đi cùng nhưng ngày ${formatVietnameseDate(date)} chỉ có ${eligible.size} đồng chí đủ điều kiện và rảnh.`,
      details: { needed, eligible: eligible.size, missing, date },
    };
  }
  return {
    venueId: venue.id,
    code: 'ACCOMPANYING_TAKEN',
    message: `Điểm ${quoted(venue)} còn thiếu ${missing} đồng chí đi cùng: những đồng chí đủ điều kiện ngày ${formatVietnameseDate(date)} đã được xếp ở điểm khác hoặc đã đủ số lần dự.`,
    details: { needed, eligible: eligible.size, missing, date },
  };
}

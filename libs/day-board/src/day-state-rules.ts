/**
 * The live board's state machine (issue 20): how a festival point moves through its day, as pure
 * functions. The service gives the facts (the venue's date and status, today in Vietnam, the current
 * state) and records what these allow.
 *
 *   not_started ─▶ leader_arrived ─▶ started ─▶ finished
 *        └──────────────┴──────────▶ started
 *   leader_arrived, started ─▶ incident (with a note) ─▶ back to the state it interrupted, or on
 *   incident ─▶ finished, once the programme had started
 *
 * A point that has started cannot be "not started" or "leader arrived" again; a finished one is done.
 * Nothing moves before the venue's own date (in Vietnam's time), nor for a venue that is not scheduled.
 */
import { formatVietnameseDate, type IsoDate } from '@app/common';
import { VenueStatus } from '@app/venues';
import { DAY_STATE_NAMES, DayState } from './day-state.enums';

export interface DayStateFacts {
  state: DayState;
  /** When the programme was opened (set once, on the first move to started). */
  startedAt: Date | null;
  leaderArrivedAt: Date | null;
}

export interface DayStateRefusal {
  code: 'DAY_STATE_TRANSITION' | 'DAY_STATE_BEFORE_DAY' | 'DAY_STATE_VENUE_NOT_SCHEDULED' | 'DAY_STATE_NOTE_REQUIRED';
  message: string;
  status: 409 | 422;
}

export const INITIAL_DAY_STATE: DayStateFacts = { state: DayState.NotStarted, startedAt: null, leaderArrivedAt: null };

/** The states a point may move to from where it is (the phone shows these as buttons). */
export function nextDayStates(current: DayStateFacts): DayState[] {
  switch (current.state) {
    case DayState.NotStarted:
      return [DayState.LeaderArrived, DayState.Started];
    case DayState.LeaderArrived:
      return [DayState.Started, DayState.Incident];
    case DayState.Started:
      return [DayState.Finished, DayState.Incident];
    case DayState.Incident:
      // Resumes where it was (before or after the opening), or ends once the programme had started.
      return current.startedAt ? [DayState.Started, DayState.Finished, DayState.Incident] : [DayState.LeaderArrived, DayState.Started, DayState.Incident];
    case DayState.Finished:
      return [];
  }
}

/**
 * Why the point may not move to `next` now, or null. `note` is what the organizer typed (trimmed): an
 * incident must say what happened.
 */
export function dayStateRefusal(
  venue: { status: VenueStatus; scheduledDate: IsoDate | null },
  current: DayStateFacts,
  next: DayState,
  note: string | null,
  today: IsoDate,
): DayStateRefusal | null {
  if (venue.status !== VenueStatus.Scheduled && venue.status !== VenueStatus.Held) {
    return { code: 'DAY_STATE_VENUE_NOT_SCHEDULED', message: 'Chỉ cập nhật tình hình cho điểm tổ chức đã được xếp lịch.', status: 409 };
  }
  if (!venue.scheduledDate || venue.scheduledDate > today) {
    const day = venue.scheduledDate ? ` (${formatVietnameseDate(venue.scheduledDate)})` : '';
    return { code: 'DAY_STATE_BEFORE_DAY', message: `Chỉ cập nhật tình hình từ ngày tổ chức${day} trở đi.`, status: 409 };
  }
  if (next === DayState.Incident && !note) {
    return { code: 'DAY_STATE_NOTE_REQUIRED', message: 'Báo sự cố cần ghi rõ nội dung sự cố.', status: 422 };
  }
  if (!nextDayStates(current).includes(next)) {
    return { code: 'DAY_STATE_TRANSITION', message: transitionMessage(current, next), status: 409 };
  }
  return null;
}

function transitionMessage(current: DayStateFacts, next: DayState): string {
  const from = DAY_STATE_NAMES[current.state].toLocaleLowerCase('vi');
  if (current.state === DayState.Finished) return 'Điểm tổ chức đã kết thúc Ngày hội; không thể thay đổi tình hình.';
  if (next === DayState.Finished) return 'Chưa khai mạc thì không thể chuyển sang “đã kết thúc”.';
  if (next === DayState.Incident) return 'Chỉ báo sự cố khi Ngày hội đã bắt đầu (lãnh đạo đã đến hoặc đã khai mạc).';
  if (next === DayState.NotStarted) return `Không thể chuyển từ “${from}” về “chưa bắt đầu”.`;
  if (next === DayState.LeaderArrived && current.startedAt) return 'Ngày hội đã khai mạc; không thể chuyển về “lãnh đạo đã đến”.';
  return `Không thể chuyển từ “${from}” sang “${DAY_STATE_NAMES[next].toLocaleLowerCase('vi')}”.`;
}

/** The state after a move: the first time a point reaches a state is kept (when the leader arrived, when it opened). */
export function applyDayState(current: DayStateFacts, next: DayState, now: Date): DayStateFacts {
  return {
    state: next,
    leaderArrivedAt: current.leaderArrivedAt ?? (next === DayState.LeaderArrived ? now : null),
    startedAt: current.startedAt ?? (next === DayState.Started ? now : null),
  };
}

/** A repeat of what is already recorded (a phone's retry after a lost answer): nothing to change. */
export function isSameDayState(current: { state: DayState; note: string | null }, next: DayState, note: string | null): boolean {
  return current.state === next && (current.note ?? null) === (note ?? null);
}

/** How many points are in each state (every state named, zeros included). */
export function countByState(states: readonly DayState[]): Record<DayState, number> {
  const counts = Object.fromEntries(Object.values(DayState).map((state) => [state, 0])) as Record<DayState, number>;
  for (const state of states) counts[state] += 1;
  return counts;
}

/**
 * A festival point's state on its day and the Vietnamese names: a pure file (no decorators, no Node
 * imports), so the web console reads the same definitions as the API.
 */
export enum DayState {
  NotStarted = 'not_started',
  LeaderArrived = 'leader_arrived',
  Started = 'started',
  Finished = 'finished',
  Incident = 'incident',
}

export const DAY_STATES: readonly DayState[] = Object.values(DayState);

export const DAY_STATE_NAMES: Record<DayState, string> = {
  [DayState.NotStarted]: 'Chưa bắt đầu',
  [DayState.LeaderArrived]: 'Lãnh đạo đã đến',
  [DayState.Started]: 'Đã khai mạc',
  [DayState.Finished]: 'Đã kết thúc',
  [DayState.Incident]: 'Sự cố',
};

/** The longest note an organizer types on the phone (an incident's, or any state's remark). */
export const DAY_NOTE_MAX_LENGTH = 1000;

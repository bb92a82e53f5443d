/**
 * Edition statuses, their Vietnamese names and the one step forward from each: a pure file (no
 * decorators, no Node imports), so the web console reads the same workflow as the API.
 */

export enum EditionStatus {
  Planning = 'planning',
  Inviting = 'inviting',
  Running = 'running',
  Closed = 'closed',
}

export const EDITION_STATUS_NAMES: Record<EditionStatus, string> = {
  [EditionStatus.Planning]: 'đang lập kế hoạch',
  [EditionStatus.Inviting]: 'đang mời đại biểu',
  [EditionStatus.Running]: 'đang diễn ra',
  [EditionStatus.Closed]: 'đã kết thúc',
};

/** Editions only move forward, one step at a time; a closed edition goes nowhere. */
export const NEXT_EDITION_STATUS: Record<EditionStatus, EditionStatus | null> = {
  [EditionStatus.Planning]: EditionStatus.Inviting,
  [EditionStatus.Inviting]: EditionStatus.Running,
  [EditionStatus.Running]: EditionStatus.Closed,
  [EditionStatus.Closed]: null,
};

/** The planning board's own wording (run statuses and their names: @shared/planning/src/planning-run.enums). */
export const PLANNING_MODE_NAMES = { fresh: 'Lập mới', repair: 'Điều chỉnh kế hoạch hiện hành' } as const;

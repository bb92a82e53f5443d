import type { PlanningRunStatus } from '../../api/models';

export const PLANNING_RUN_STATUS_NAMES: Record<PlanningRunStatus, string> = {
  queued: 'Đang chờ xử lý',
  solving: 'Đang lập phương án',
  failed: 'Lỗi',
  proposed: 'Chờ chấp nhận',
  accepted: 'Đã chấp nhận',
  superseded: 'Đã thay bằng phương án khác',
};

export const PLANNING_MODE_NAMES = { fresh: 'Lập mới', repair: 'Điều chỉnh kế hoạch hiện hành' } as const;

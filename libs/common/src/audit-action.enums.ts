/**
 * What an audit entry records, and the Vietnamese names of each: a pure file (no decorators, no
 * imports), so the web console reads the same definitions as the API
 * (`@shared/common/src/audit-action.enums`). Here rather than in libs/audit because the AuditLog port
 * (audit-log.ts), which libraries below audit record through, names the actions too.
 */

export type AuditAction = 'create' | 'update' | 'transition' | 'delete';

export const AUDIT_ACTION_NAMES: Record<AuditAction, string> = {
  create: 'Tạo mới',
  update: 'Cập nhật',
  transition: 'Chuyển trạng thái',
  delete: 'Xóa',
};

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_NAMES) as AuditAction[];

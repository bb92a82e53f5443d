/**
 * What an audit entry records, and the Vietnamese names of each: a pure file (no decorators, no
 * imports), so the web console reads the same definitions as the API
 * (`@shared/common/src/audit-action.enums`). Here rather than in libs/audit because the AuditLog port
 * (audit-log.ts), which libraries below audit record through, names the actions too.
 */

export type AuditAction =
  | 'create'
  | 'update'
  | 'transition'
  | 'delete'
  // Documents that hold security plans (issue 20): who read which version.
  | 'download'
  // Accounts and sessions (issue 16): who logged in or tried to, from which address, and account changes.
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'password_change'
  | 'password_change_required'
  | 'deactivate'
  | 'reactivate';

export const AUDIT_ACTION_NAMES: Record<AuditAction, string> = {
  create: 'Tạo mới',
  update: 'Cập nhật',
  transition: 'Chuyển trạng thái',
  delete: 'Xóa',
  download: 'Tải xuống',
  login: 'Đăng nhập',
  login_failed: 'Đăng nhập không thành công',
  logout: 'Đăng xuất',
  password_change: 'Đổi mật khẩu',
  password_change_required: 'Yêu cầu đổi mật khẩu',
  deactivate: 'Khóa tài khoản',
  reactivate: 'Mở lại tài khoản',
};

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_NAMES) as AuditAction[];

import { FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { FieldError, FormError } from '../components/errors';
import { useUser, useSession } from '../session';

/**
 * The user's own new password (`/doi-mat-khau`). Outside the console's frame, as the login page: an
 * account a planner asked to change its password reaches nothing else until it has. Saving ends every
 * other session of the account; this one continues with the token the API answers.
 */
export function PasswordPage() {
  const user = useUser();
  const { changePassword, logout } = useSession();
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const forced = user.mustChangePassword;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (next !== repeat) {
      setError('Hai lần nhập mật khẩu mới không khớp nhau.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await changePassword(current, next);
      setDone(true);
      setCurrent('');
      setNext('');
      setRepeat('');
      if (forced) void navigate('/', { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <form className="panel login" onSubmit={submit} noValidate aria-label="Đổi mật khẩu">
        <h1>Đổi mật khẩu</h1>
        <p className="muted">
          {user.fullName} — {user.email}
        </p>
        {forced && <div className="notice">Cán bộ quản trị yêu cầu bạn đặt mật khẩu mới trước khi tiếp tục làm việc.</div>}
        {done && (
          <div className="notice" role="status">
            Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã kết thúc.
          </div>
        )}
        <label>
          Mật khẩu hiện tại
          <input name="currentPassword" type="password" autoComplete="current-password" value={current} onChange={(event) => setCurrent(event.target.value)} />
          <FieldError error={error} field="currentPassword" />
        </label>
        <label>
          Mật khẩu mới (ít nhất 12 ký tự)
          <input name="newPassword" type="password" autoComplete="new-password" value={next} onChange={(event) => setNext(event.target.value)} />
          <FieldError error={error} field="newPassword" />
        </label>
        <label>
          Nhập lại mật khẩu mới
          <input name="repeatPassword" type="password" autoComplete="new-password" value={repeat} onChange={(event) => setRepeat(event.target.value)} />
        </label>
        <FormError error={error} fields={['currentPassword', 'newPassword']} />
        <button type="submit" disabled={busy}>
          {busy ? 'Đang lưu…' : 'Đổi mật khẩu'}
        </button>
        {forced ? (
          <button type="button" className="link" onClick={() => void logout()}>
            Đăng xuất
          </button>
        ) : (
          <Link to="/">Quay lại bảng điều hành</Link>
        )}
      </form>
    </div>
  );
}

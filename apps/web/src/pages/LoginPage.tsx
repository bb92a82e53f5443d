import { FormEvent, useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { FieldError, FormError } from '../components/errors';
import { useSession } from '../session';
import { preloadPageAt } from '../page-chunks';

export function LoginPage() {
  const { user, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation() as { state?: { expired?: boolean; from?: string } };
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const destination = location.state?.from ?? '/';
  // The page the login leads to loads its code while the user types, not after the login answers.
  useEffect(() => preloadPageAt(destination), [destination]);
  if (user) return <Navigate to={destination} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
      void navigate(destination, { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <form className="panel login" onSubmit={submit} noValidate aria-label="Đăng nhập">
        <h1>Ngày hội toàn dân bảo vệ an ninh Tổ quốc</h1>
        <p className="muted">Bảng điều hành kế hoạch — đăng nhập bằng tài khoản được cấp.</p>
        {location.state?.expired && !error && <div className="notice">Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.</div>}
        <label>
          E-mail
          <input name="email" type="email" autoComplete="username" value={email} onChange={(event) => setEmail(event.target.value)} />
          <FieldError error={error} field="email" />
        </label>
        <label>
          Mật khẩu
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} />
          <FieldError error={error} field="password" />
        </label>
        <FormError error={error} fields={['email', 'password']} />
        <button type="submit" disabled={busy}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
    </div>
  );
}

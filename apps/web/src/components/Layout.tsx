import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { ROLE_NAMES } from '@shared/auth/src/role.enums';
import { isPlanner, useEdition, useProvinces, useSession, useUser } from '../session';
import { formatDate } from '../input';
import { useNotificationStream, useUnreadCount } from '../notifications';
import { Loading } from './errors';
import { usePendingSubstituteCount } from './InvitationParts';
import { SearchBox } from './SearchBox';

/** Header (edition switcher, who is logged in) and the navigation each role may use. */
export function Layout() {
  const user = useUser();
  const { logout } = useSession();
  const { edition, editions, choose } = useEdition();
  const { nameOf } = useProvinces();
  const planner = isPlanner(user);
  useNotificationStream();
  const unread = useUnreadCount();
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <strong>Ngày hội toàn dân bảo vệ an ninh Tổ quốc</strong>
          <span>Bảng điều hành kế hoạch</span>
        </div>
        <label className="edition-switcher">
          Đợt tổ chức
          <select aria-label="Chọn đợt tổ chức" value={edition?.id ?? ''} onChange={(event) => choose(event.target.value)}>
            {editions.length === 0 && <option value="">(chưa có đợt nào)</option>}
            {editions.map((item) => (
              <option key={item.id} value={item.id}>
                Năm {item.year} — {item.theme}
              </option>
            ))}
          </select>
        </label>
        <SearchBox />
        {planner && <PendingSubstitutesLink editionId={edition?.id} />}
        <Link to="/thong-bao" className="bell" aria-label={`Thông báo: ${unread ?? 0} chưa đọc`}>
          Thông báo{' '}
          <span className={unread ? 'badge' : 'badge empty'} data-testid="unread-count">
            {unread ?? 0}
          </span>
        </Link>
        <div className="who" data-testid="current-user">
          <span>{user.fullName}</span>
          <small>
            {ROLE_NAMES[user.role]}
            {user.provinceCode ? ` · ${nameOf(user.provinceCode)}` : ''}
          </small>
          <span>
            <Link to="/doi-mat-khau" className="link">
              Đổi mật khẩu
            </Link>{' '}
            <button type="button" className="link" onClick={() => void logout()}>
              Đăng xuất
            </button>
          </span>
        </div>
      </header>
      <nav className="mainnav" aria-label="Điều hướng chính">
        <NavLink to="/" end>
          Tổng quan
        </NavLink>
        <NavLink to="/san-sang">Mức độ sẵn sàng</NavLink>
        <NavLink to="/kinh-phi">Kinh phí</NavLink>
        <NavLink to="/truc-tiep">Trực tiếp ngày hội</NavLink>
        <NavLink to="/bao-cao">Báo cáo kết quả</NavLink>
        {planner && <NavLink to="/lanh-dao">Lãnh đạo</NavLink>}
        {planner && <NavLink to="/lap-ke-hoach">Lập kế hoạch</NavLink>}
        {planner && <NavLink to="/loi-moi">Lời mời</NavLink>}
        {planner && <NavLink to="/mau-cong-viec">Mẫu công việc</NavLink>}
        {planner && <NavLink to="/dot-to-chuc">Đợt tổ chức</NavLink>}
        {planner && <NavLink to="/nhat-ky">Nhật ký thay đổi</NavLink>}
        {planner && <NavLink to="/tai-khoan">Tài khoản</NavLink>}
        {planner && (
          <a href="/admin/queues" target="_blank" rel="noreferrer">
            Hàng đợi gửi thư
          </a>
        )}
        {edition && (
          <span className="window">
            Thời gian tổ chức: {formatDate(edition.windowStart)} – {formatDate(edition.windowEnd)}
          </span>
        )}
      </nav>
      <main>
        <Suspense fallback={<Loading what="trang" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}

/** The header's count of substitute proposals waiting for a planner, linking to them. */
function PendingSubstitutesLink({ editionId }: { editionId: string | undefined }) {
  const count = usePendingSubstituteCount(editionId);
  if (!count.data) return null;
  return (
    <Link className="pending-count" to="/loi-moi?trangThai=substitute_proposed" data-testid="pending-substitutes-count">
      <strong>{count.data}</strong> đề nghị người dự thay chờ quyết định
    </Link>
  );
}

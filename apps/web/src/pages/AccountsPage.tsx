import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLE_NAMES } from '@shared/auth/src/role.enums';
import { client, data } from '../api/client';
import type { Account } from '../api/models';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorPanel, FormError, Loading } from '../components/errors';
import { Pager, useListParams } from '../components/ListParams';
import { formatInstant } from '../input';
import { useProvinces, useUser } from '../session';

const PAGE_SIZE = 50;

type AccountAction = 'deactivate' | 'reactivate' | 'require-password-change';

/**
 * Accounts (planners): who can log in, with what role and province; a planner locks an account (its
 * sessions end at once), opens it again, or requires a new password at its next use. Every action is
 * sent with the account's version and recorded in the audit log. One card per account, so it reads on a
 * phone as on a desk.
 */
export function AccountsPage() {
  const { params, page, update } = useListParams();
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const accounts = useQuery({
    queryKey: ['accounts', page, q],
    queryFn: () => data(client.GET('/api/users', { params: { query: { page, pageSize: PAGE_SIZE, ...(q ? { q } : {}) } } })),
  });
  if (accounts.error) return <ErrorPanel error={accounts.error} />;
  if (!accounts.data) return <Loading what="danh sách tài khoản" />;
  return (
    <section className="panel accounts">
      <h1>Tài khoản</h1>
      <p className="muted">Khóa tài khoản hoặc yêu cầu đổi mật khẩu có hiệu lực ngay: các phiên đăng nhập của tài khoản kết thúc.</p>
      <form
        className="toolbar"
        role="search"
        aria-label="Tìm tài khoản"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          update({ q: search.trim() });
        }}
      >
        <label>
          Tìm theo e-mail hoặc họ tên <input value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        <button type="submit" className="secondary">
          Tìm tài khoản
        </button>
      </form>
      <ul className="account-list">
        {accounts.data.items.map((account) => (
          <AccountCard key={account.id} account={account} />
        ))}
      </ul>
      <Pager page={page} pageSize={PAGE_SIZE} total={accounts.data.total} noun="tài khoản" onPage={(next) => update({ page: String(next) })} />
    </section>
  );
}

function AccountCard({ account }: { account: Account }) {
  const me = useUser();
  const { nameOf } = useProvinces();
  const queryClient = useQueryClient();
  const act = useMutation({
    mutationFn: (action: AccountAction) => {
      const options = { params: { path: { id: account.id } }, body: { version: account.version } };
      if (action === 'deactivate') return data(client.POST('/api/users/{id}/deactivate', options));
      if (action === 'reactivate') return data(client.POST('/api/users/{id}/reactivate', options));
      return data(client.POST('/api/users/{id}/require-password-change', options));
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
  const self = account.id === me.id;
  return (
    <li className={`account-card${account.active ? '' : ' inactive'}`} data-testid="account">
      <div className="account-who">
        <strong>{account.fullName}</strong>
        <span className="account-email">{account.email}</span>
        <small className="muted">
          {ROLE_NAMES[account.role]}
          {account.provinceCode ? ` · ${nameOf(account.provinceCode)}` : ''} · tạo {formatInstant(account.createdAt)}
        </small>
      </div>
      <div className="account-state">
        {account.active ? <span className="tag account-active">Đang hoạt động</span> : <span className="tag late">Đã khóa</span>}
        {account.mustChangePassword && <span className="tag account-pending">Chờ đổi mật khẩu</span>}
      </div>
      {!self && (
        <div className="account-actions">
          {account.active ? (
            <>
              <ConfirmButton
                className="secondary danger"
                question={`Khóa tài khoản ${account.fullName} (${account.email})?`}
                detail="Các phiên đăng nhập của tài khoản này kết thúc ngay."
                disabled={act.isPending}
                onConfirm={() => act.mutate('deactivate')}
              >
                Khóa tài khoản
              </ConfirmButton>
              {!account.mustChangePassword && (
                <button type="button" className="secondary" disabled={act.isPending} onClick={() => act.mutate('require-password-change')}>
                  Yêu cầu đổi mật khẩu
                </button>
              )}
            </>
          ) : (
            <button type="button" className="secondary" disabled={act.isPending} onClick={() => act.mutate('reactivate')}>
              Mở lại tài khoản
            </button>
          )}
        </div>
      )}
      <FormError error={act.error} />
    </li>
  );
}

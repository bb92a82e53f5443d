import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { NOTIFICATION_KIND_NAMES, NotificationKind } from '@shared/notifications/src/notification.enums';
import { client, data } from '../api/client';
import type { Notification } from '../api/models';
import { codeIn } from '../codes';
import { ErrorPanel, Loading } from '../components/errors';
import { Pager, useListParams } from '../components/ListParams';
import { formatInstant } from '../input';
import { NOTIFICATIONS_KEY } from '../notifications';
import { NotificationEmailSection } from './NotificationEmailSection';

const PAGE_SIZE = 30;
const KINDS = Object.values(NotificationKind);

/** My inbox: newest first, by kind, unread only; each entry opens its object's page (and counts as read). */
export function NotificationsPage() {
  const { params, page, update } = useListParams();
  const kind = codeIn(KINDS, params.get('loai'));
  const unreadOnly = params.get('chua-doc') === '1';
  const emailOpen = params.get('muc') === 'email';
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const entries = useQuery({
    queryKey: [NOTIFICATIONS_KEY, 'list', page, kind, unreadOnly],
    queryFn: () =>
      data(
        client.GET('/api/notifications', {
          params: { query: { kind: kind ? [kind] : undefined, unread: unreadOnly || undefined, page, pageSize: PAGE_SIZE } },
        }),
      ),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS_KEY] });
  const markRead = useMutation({
    mutationFn: (id: string) => data(client.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const markAll = useMutation({ mutationFn: () => data(client.POST('/api/notifications/read-all')), onSuccess: refresh });

  const open = (entry: Notification) => {
    if (!entry.readAt) markRead.mutate(entry.id);
    void navigate(entry.link);
  };

  return (
    <div className="notifications">
      <section className="panel">
        <h1>Thông báo</h1>
        <div className="toolbar">
          <label>
            Loại{' '}
            <select value={kind ?? ''} onChange={(event) => update({ loai: event.target.value })}>
              <option value="">Tất cả</option>
              {KINDS.map((value) => (
                <option key={value} value={value}>
                  {NOTIFICATION_KIND_NAMES[value]}
                </option>
              ))}
            </select>
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={unreadOnly} onChange={(event) => update({ 'chua-doc': event.target.checked ? '1' : '' })} /> Chỉ thông báo chưa đọc
          </label>
          <button type="button" className="secondary" disabled={markAll.isPending} onClick={() => markAll.mutate()}>
            Đánh dấu tất cả đã đọc
          </button>
          {!emailOpen && (
            <button type="button" className="secondary" onClick={() => update({ muc: 'email' })}>
              Nhận thông báo qua thư
            </button>
          )}
        </div>
        {markAll.error && <ErrorPanel error={markAll.error} />}
      </section>
      {emailOpen && <NotificationEmailSection onClose={() => update({ muc: '' })} />}
      <section className="panel">
        {entries.error ? (
          <ErrorPanel error={entries.error} />
        ) : !entries.data ? (
          <Loading what="thông báo" />
        ) : entries.data.items.length === 0 ? (
          <p className="muted">Không có thông báo nào{unreadOnly ? ' chưa đọc' : ''}.</p>
        ) : (
          <>
            <ul className="notification-list" data-testid="notifications">
              {entries.data.items.map((entry) => (
                <li key={entry.id} className={entry.readAt ? 'read' : 'unread'} data-testid="notification">
                  <div className="what">
                    <Link
                      to={entry.link}
                      onClick={(event) => {
                        event.preventDefault();
                        open(entry);
                      }}
                    >
                      {entry.title}
                    </Link>
                    {entry.body && <div>{entry.body}</div>}
                    <div className="meta">
                      {NOTIFICATION_KIND_NAMES[codeIn(KINDS, entry.kind) ?? NotificationKind.VenueNominated]} · {formatInstant(entry.updatedAt)}
                      {entry.itemCount > 1 ? ` · ${entry.itemCount} mục` : ''}
                    </div>
                  </div>
                  {!entry.readAt && (
                    <button type="button" className="link" disabled={markRead.isPending} onClick={() => markRead.mutate(entry.id)}>
                      Đánh dấu đã đọc
                    </button>
                  )}
                </li>
              ))}
            </ul>
            <Pager page={page} pageSize={PAGE_SIZE} total={entries.data.total} noun="thông báo" onPage={(next) => update({ page: String(next) })} />
          </>
        )}
      </section>
    </div>
  );
}

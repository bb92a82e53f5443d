import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CALENDAR_FEED_STATUS_NAMES, CalendarFeedStatus } from '@shared/invitations/src/feeds/calendar-feed.enums';
import { client, data } from '../../api/client';
import { ErrorPanel, FormError, Loading } from '../../components/errors';
import { formatInstant } from '../../input';
import type { Edition, Leader } from '../../api/models';

/**
 * The leader's private calendar feed for the edition (planners): where it stands and until when, and
 * the two things a planner does with it — revoke it (the link stops at once) or issue a new link, which
 * goes to the leader's office by e-mail (the console never sees the link itself).
 */
export function LeaderFeed({ leader, edition }: { leader: Leader; edition: Edition }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<'revoke' | 'reissue' | null>(null);
  const key = ['calendar-feeds', edition.id, leader.id];
  const feeds = useQuery({
    queryKey: key,
    queryFn: () => data(client.GET('/api/calendar-feeds', { params: { query: { editionId: edition.id, leaderId: leader.id } } })),
  });
  const feed = feeds.data?.[0];
  const act = useMutation({
    mutationFn: (action: 'revoke' | 'reissue') =>
      action === 'revoke'
        ? data(client.POST('/api/calendar-feeds/{id}/revoke', { params: { path: { id: feed!.id } } }))
        : feed
          ? data(client.POST('/api/calendar-feeds/{id}/reissue', { params: { path: { id: feed.id } } }))
          : data(client.POST('/api/calendar-feeds', { body: { editionId: edition.id, leaderId: leader.id } })),
    onSuccess: () => {
      setConfirming(null);
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });

  const ask = (action: 'revoke' | 'reissue') => {
    act.reset();
    setConfirming(action);
  };

  if (feeds.error) return <ErrorPanel error={feeds.error} />;
  if (!feeds.data) return <Loading what="lịch đăng ký" />;
  return (
    <div className="leader-feed" data-testid="leader-feed">
      <h3>Đường dẫn lịch riêng năm {edition.year}</h3>
      {feed ? (
        <p data-testid="leader-feed-status">
          {CALENDAR_FEED_STATUS_NAMES[feed.status as CalendarFeedStatus]} · gửi tới {feed.delegateEmail}
          {feed.sentAt && ` lúc ${formatInstant(feed.sentAt)}`} · hiệu lực đến {formatInstant(feed.expiresAt)}
          {feed.lastError && <small className="block muted">Lỗi gửi thư: {feed.lastError}</small>}
        </p>
      ) : (
        <p className="muted">Chưa cấp (đường dẫn được gửi tự động khi lời mời đầu tiên của đợt được gửi đi).</p>
      )}
      {confirming ? (
        <div className="inline-form" role="group" aria-label="Xác nhận đường dẫn lịch">
          <p>
            {confirming === 'revoke'
              ? 'Thu hồi đường dẫn lịch? Đường dẫn hiện tại ngừng hoạt động ngay; có thể cấp lại sau.'
              : 'Cấp đường dẫn mới? Đường dẫn cũ ngừng hoạt động ngay; đường dẫn mới được gửi qua e-mail tới văn phòng.'}
          </p>
          <div className="buttons">
            <button type="button" disabled={act.isPending} onClick={() => act.mutate(confirming)}>
              {confirming === 'revoke' ? 'Xác nhận thu hồi' : 'Xác nhận cấp lại'}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(null)}>
              Bỏ qua
            </button>
          </div>
        </div>
      ) : (
        <div className="buttons">
          <button type="button" onClick={() => ask('reissue')}>
            {feed ? 'Cấp lại đường dẫn lịch' : 'Cấp đường dẫn lịch'}
          </button>
          {feed && !feed.revokedAt && (
            <button type="button" className="secondary" onClick={() => ask('revoke')}>
              Thu hồi đường dẫn lịch
            </button>
          )}
        </div>
      )}
      <FormError error={act.error} />
    </div>
  );
}

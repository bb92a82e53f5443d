import { FormEvent, useEffect, useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { client, data, download, saveBlob } from '../api/client';
import { Pager } from '../components/ListParams';
import { ErrorPanel, FieldError, FormError, Loading, Progress } from '../components/errors';
import { ApprovedNotice, InvitationHistory, SubstituteDecision } from '../components/InvitationParts';
import { formatDate, formatInstant, wholeText } from '../input';
import {
  ANSWERED_VIA_NAMES,
  INVITATION_STATUS_NAMES,
  INVITATION_STATUSES,
  InvitationStatus,
  MESSAGE_KIND_NAMES,
  MESSAGE_METHOD_NAMES,
  MESSAGE_STATUS_NAMES,
  MessageStatus,
} from '@shared/invitations/src/invitation.enums';
import { ASSIGNMENT_ROLE_NAMES } from '@shared/leaders/src/assignment.enums';
import { useEdition } from '../session';
import type { Invitation } from '../api/models';
import { codeIn, is, isOneOf } from '../codes';

/** Where the letter may go again (the API's invitation workflow, `resend`; it refuses it elsewhere). */
const RESENDABLE = [InvitationStatus.Sent, InvitationStatus.Accepted, InvitationStatus.Tentative];

/** How often the list is refreshed while invitations wait in the mail queue. */
const SENDING_POLL_MS = 2000;

/** Invitations per page (the API pages and filters them; the browser never holds the edition's). */
const PAGE_SIZE = 50;
/** How long typing pauses before the search goes to the API. */
const SEARCH_DELAY_MS = 250;

/**
 * The edition's invitations with their status and answer; bulk sending, sending, withdrawing, preview.
 * At national scale (issue 18) the counts per status come from the API, and the list is a page of the
 * API's at a time, filtered and searched there, with the names of its venues asked for by id.
 */
export function InvitationsPage() {
  // The remembered edition's id, before the list of editions arrives: the counts are asked for at once.
  const { edition, editionId } = useEdition();
  const queryClient = useQueryClient();
  // The status filter lives in the address (`?trangThai=substitute_proposed`: the header's count links there).
  const [params, setParams] = useSearchParams();
  const status = codeIn(INVITATION_STATUSES, params.get('trangThai'));
  const setStatus = (value: string) => setParams(value ? { trangThai: value } : {}, { replace: true });
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);
  const listKey = `${editionId}|${status}|${q}`;
  const [paging, setPaging] = useState({ key: '', page: 1 });
  const page = paging.key === listKey ? paging.page : 1;
  // Another filter (or map view) starts again at its first page, and coming back to one does not restore an old page.
  if (paging.key !== listKey) setPaging({ key: listKey, page: 1 });

  const counts = useQuery({
    queryKey: ['invitations', 'counts', editionId],
    queryFn: () => data(client.GET('/api/invitations/counts', { params: { query: { editionId: editionId! } } })),
    enabled: !!editionId,
    // While the worker sends queued invitations, their statuses change by themselves: follow them.
    refetchInterval: (query) => (query.state.data?.some((count) => is(count.status, InvitationStatus.Queued)) ? SENDING_POLL_MS : false),
  });
  const waiting = counts.data?.find((count) => is(count.status, InvitationStatus.Queued))?.count ?? 0;
  const invitations = useQuery({
    // The counts in the key: when a status count moves (the worker sent one), the page is read again.
    queryKey: ['invitations', 'page', editionId, status, q, page, counts.data],
    queryFn: () =>
      data(
        client.GET('/api/invitations', {
          params: {
            query: { editionId: editionId!, status: status ? [status] : undefined, q: q || undefined, page, pageSize: PAGE_SIZE },
          },
        }),
      ),
    enabled: !!editionId,
    placeholderData: keepPreviousData,
  });
  // The substitutes awaiting a decision, however many pages the list has (the API caps a page at 100).
  const anyProposed = counts.data?.some((count) => is(count.status, InvitationStatus.SubstituteProposed)) ?? false;
  const proposals = useQuery({
    queryKey: ['invitations', 'proposals', editionId],
    queryFn: () =>
      data(client.GET('/api/invitations', { params: { query: { editionId: editionId!, status: [InvitationStatus.SubstituteProposed], pageSize: 100 } } })),
    enabled: !!editionId && anyProposed,
  });
  // The names of the page's venues, asked for by id (at most a page's worth).
  const venueIds = [...new Set((invitations.data?.items ?? []).map((invitation) => invitation.venueId))].sort();
  const venues = useQuery({
    queryKey: ['venues', 'named', venueIds],
    queryFn: () => data(client.GET('/api/venues', { params: { query: { ids: venueIds, pageSize: 100 } } })),
    enabled: venueIds.length > 0,
    placeholderData: keepPreviousData,
  });
  const venueById = useMemo(() => new Map((venues.data?.items ?? []).map((venue) => [venue.id, venue])), [venues.data]);
  const [previewing, setPreviewing] = useState<string | null>(null);
  const [approved, setApproved] = useState<string | null>(null);
  // Kept here: a resent invitation's row is drawn anew (its version changed), and would forget it.
  const [resent, setResent] = useState<string | null>(null);
  // The batch being sent: the most invitations seen waiting since the queue was last empty.
  const [batch, setBatch] = useState(0);
  if (waiting === 0 ? batch !== 0 : waiting > batch) setBatch(waiting);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['invitations'] });
  const bulk = useMutation({
    mutationFn: () => data(client.POST('/api/editions/{editionId}/invitations/bulk', { params: { path: { editionId: edition!.id } } })),
    onSuccess: refresh,
  });

  if (!edition) return <Loading what="đợt tổ chức" />;
  if (counts.error) return <ErrorPanel error={counts.error} />;
  if (invitations.error) return <ErrorPanel error={invitations.error} />;
  if (!counts.data || !invitations.data) return <Loading what="lời mời" />;
  // Still sending while the page (read again when the counts move) shows a row waiting.
  const shown = invitations.data.items;
  const pending = anyProposed ? (proposals.data?.items ?? []) : [];

  return (
    <div className="invitations">
      <section className="panel">
        <div className="title-row">
          <h1>Lời mời — đợt năm {edition.year}</h1>
          <button type="button" onClick={() => bulk.mutate()} disabled={bulk.isPending}>
            Gửi lời mời cho tất cả lãnh đạo đã phân công
          </button>
        </div>
        {bulk.isPending && <Progress label="Đang lập và xếp hàng gửi lời mời cho các điểm đã xếp lịch…" />}
        {bulk.data && (
          <div className="ok" role="status" data-testid="bulk-result">
            Đã lập {bulk.data.created} lời mời mới và xếp hàng gửi; {bulk.data.alreadyInvited} lãnh đạo đã được mời từ trước.
          </div>
        )}
        <FormError error={bulk.error} />
        {approved && <ApprovedNotice deputyName={approved} />}
        {(waiting > 0 || shown.some((invitation) => is(invitation.status, InvitationStatus.Queued))) && (
          <div data-testid="sending-progress">
            <Progress label={`Đang gửi thư mời qua hàng đợi: đã gửi ${batch - waiting}/${batch}…`} value={batch - waiting} max={batch} />
          </div>
        )}
        <div className="stat-row" data-testid="invitation-counts">
          {counts.data.map(({ status: key, count }) => (
            <button
              type="button"
              key={key}
              className={`stat stat-button${status && is(key, status) ? ' active' : ''}`}
              onClick={() => setStatus(status && is(key, status) ? '' : key)}
              aria-pressed={!!status && is(key, status)}
            >
              <strong>{wholeText(count)}</strong> {INVITATION_STATUS_NAMES[key].toLocaleLowerCase('vi')}
            </button>
          ))}
          {counts.data.length === 0 && <p className="muted">Chưa có lời mời nào.</p>}
        </div>
      </section>
      {pending.length > 0 && (
        <section className="panel" data-testid="pending-substitutes">
          <h2>Đề nghị người dự thay chờ quyết định ({wholeText(proposals.data?.total ?? pending.length)})</h2>
          {pending.map((invitation) => (
            <SubstituteDecision key={`${invitation.id}-${invitation.version}`} invitation={invitation} onApproved={setApproved} />
          ))}
        </section>
      )}
      <section className="panel table-scroll">
        <div className="toolbar">
          <input
            type="search"
            placeholder="Tìm theo tên, chức vụ đại biểu…"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            aria-label="Tìm lời mời theo đại biểu"
          />
          <span className="muted" aria-live="polite">
            {wholeText(invitations.data.total)} lời mời{status ? ` ${INVITATION_STATUS_NAMES[status].toLocaleLowerCase('vi')}` : ''}
            {invitations.isFetching ? ' (đang tải…)' : ''}
          </span>
        </div>
        <table className="grid" data-testid="invitations-table">
          <thead>
            <tr>
              <th>Đại biểu</th>
              <th>Điểm tổ chức</th>
              <th>Vai trò</th>
              <th>Trạng thái</th>
              <th>Trả lời</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((invitation) => {
              const venue = venueById.get(invitation.venueId);
              return (
                <InvitationRow
                  key={`${invitation.id}-${invitation.version}`}
                  invitation={invitation}
                  venueName={venue ? `${venue.name} (${formatDate(venue.scheduledDate)})` : invitation.venueId}
                  onChanged={refresh}
                  previewing={previewing === invitation.id}
                  onPreview={() => setPreviewing(previewing === invitation.id ? null : invitation.id)}
                  resent={resent === invitation.id}
                  onResent={() => setResent(invitation.id)}
                />
              );
            })}
          </tbody>
        </table>
        {invitations.data.total > PAGE_SIZE && (
          <Pager page={page} pageSize={PAGE_SIZE} total={invitations.data.total} noun="lời mời" onPage={(next) => setPaging({ key: listKey, page: next })} />
        )}
      </section>
    </div>
  );
}

function InvitationRow(props: {
  invitation: Invitation;
  venueName: string;
  previewing: boolean;
  onPreview: () => void;
  resent: boolean;
  onResent: () => void;
  onChanged: () => void;
}) {
  const { invitation } = props;
  const [withdrawing, setWithdrawing] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const [reason, setReason] = useState('');
  const path = { params: { path: { id: invitation.id } } };
  const send = useMutation({ mutationFn: () => data(client.POST('/api/invitations/{id}/send', path)), onSuccess: props.onChanged });
  const withdraw = useMutation({
    mutationFn: () => data(client.POST('/api/invitations/{id}/withdraw', { ...path, body: { reason: reason.trim() } })),
    onSuccess: props.onChanged,
  });
  // The giấy mời as sent (PDF), once the invitation has gone out and the letter has its number.
  const letter = useMutation({
    mutationFn: async () => {
      const { blob, filename } = await download(client.GET('/api/invitations/{id}/letter.pdf', { ...path, parseAs: 'stream' }), () => undefined);
      saveBlob(blob, filename);
    },
  });
  // The letter again (an office cannot find it): the same calendar entry, one revision up.
  const resend = useMutation({
    mutationFn: () => data(client.POST('/api/invitations/{id}/resend', path)),
    onSuccess: () => {
      props.onResent();
      props.onChanged();
    },
  });
  const answer =
    invitation.answeredAt && invitation.answeredVia
      ? `${formatInstant(invitation.answeredAt)} qua ${ANSWERED_VIA_NAMES[invitation.answeredVia]}`
      : is(invitation.status, InvitationStatus.Withdrawn)
        ? (invitation.withdrawnReason ?? '')
        : 'Chưa trả lời';
  function submit(event: FormEvent) {
    event.preventDefault();
    withdraw.mutate();
  }
  return (
    <>
      <tr data-testid="invitation-row" aria-label={invitation.delegateName}>
        <td>
          <strong>{invitation.delegateName}</strong>
          <small className="block">{[invitation.delegateTitle, invitation.delegateEmail].filter(Boolean).join(' · ')}</small>
        </td>
        <td>
          <Link to={`/diem/${invitation.venueId}`}>{props.venueName}</Link>
        </td>
        <td>{ASSIGNMENT_ROLE_NAMES[invitation.role]}</td>
        <td>
          <span className={`tag invitation-${invitation.status}`} data-testid="invitation-status">
            {INVITATION_STATUS_NAMES[invitation.status]}
          </span>
          {invitation.sequence > 0 && <small className="block">lần sửa {invitation.sequence}</small>}
        </td>
        <td>
          {answer}
          {invitation.answerComment && <small className="block">Ghi chú: {invitation.answerComment}</small>}
          {invitation.substituteFor && <small className="block">Người dự thay (lời mời riêng)</small>}
          {invitation.substitute && (
            <small className="block">
              Người dự thay: {invitation.substitute.name} ({invitation.substitute.position}, {invitation.substitute.email}
              {invitation.substitute.phone ? `, ${invitation.substitute.phone}` : ''})
            </small>
          )}
        </td>
        <td className="row-actions">
          <button type="button" className="link" onClick={props.onPreview}>
            {props.previewing ? 'Đóng' : 'Xem trước'}
          </button>
          {invitation.letterNumber !== null && (
            <button type="button" className="link" onClick={() => letter.mutate()} disabled={letter.isPending} data-testid="letter-pdf">
              Giấy mời số {invitation.letterNumber} (PDF)
            </button>
          )}
          {letter.error !== null && <FormError error={letter.error} />}
          <button type="button" className="link" onClick={() => setShowHistory(!showHistory)} aria-expanded={showHistory}>
            {showHistory ? 'Ẩn lịch sử' : 'Lịch sử'}
          </button>
          {is(invitation.status, InvitationStatus.Draft) && (
            <button type="button" className="link" onClick={() => send.mutate()} disabled={send.isPending}>
              Gửi
            </button>
          )}
          {isOneOf(invitation.status, RESENDABLE) && (
            <button type="button" className="link" onClick={() => resend.mutate()} disabled={resend.isPending}>
              Gửi lại
            </button>
          )}
          {props.resent && (
            <small className="block ok" role="status">
              Đã xếp hàng gửi lại thư mời.
            </small>
          )}
          {!is(invitation.status, InvitationStatus.Withdrawn) && (
            <button type="button" className="link danger" onClick={() => setWithdrawing(!withdrawing)}>
              Thu hồi
            </button>
          )}
        </td>
      </tr>
      {(withdrawing || send.error || resend.error) && !is(invitation.status, InvitationStatus.Withdrawn) && (
        <tr className="row-form">
          <td colSpan={6}>
            <FormError error={send.error ?? resend.error} />
            {withdrawing && (
              <form className="inline-form" onSubmit={submit} noValidate aria-label={`Thu hồi lời mời ${invitation.delegateName}`}>
                <label>
                  Lý do thu hồi
                  <input name="reason" value={reason} onChange={(event) => setReason(event.target.value)} />
                  <FieldError error={withdraw.error} field="reason" />
                </label>
                <FormError error={withdraw.error} fields={['reason']} />
                <button type="submit" className="danger" disabled={withdraw.isPending}>
                  Xác nhận thu hồi
                </button>
              </form>
            )}
          </td>
        </tr>
      )}
      {showHistory && (
        <tr className="row-form">
          <td colSpan={6}>
            <InvitationHistory id={invitation.id} />
          </td>
        </tr>
      )}
      {props.previewing && (
        <tr className="row-form">
          <td colSpan={6}>
            <InvitationPreview id={invitation.id} onChanged={props.onChanged} />
          </td>
        </tr>
      )}
    </>
  );
}

/** What the delegate receives: the e-mail (rendered in a sandbox), the calendar entry, and each message sent. */
function InvitationPreview({ id, onChanged }: { id: string; onChanged: () => void }) {
  const path = { params: { path: { id } } };
  const preview = useQuery({ queryKey: ['invitations', 'preview', id], queryFn: () => data(client.GET('/api/invitations/{id}/preview', path)) });
  const detail = useQuery({ queryKey: ['invitations', 'detail', id], queryFn: () => data(client.GET('/api/invitations/{id}', path)) });
  const retry = useMutation({
    mutationFn: () => data(client.POST('/api/invitations/{id}/retry', path)),
    onSuccess: () => {
      void detail.refetch();
      onChanged();
    },
  });
  if (preview.error) return <ErrorPanel error={preview.error} />;
  if (!preview.data) return <Loading what="bản xem trước" />;
  const message = preview.data;
  return (
    <div className="preview" data-testid="invitation-preview">
      <p>
        <strong>Gửi tới:</strong> {message.to.name} &lt;{message.to.address}&gt; · <strong>Tiêu đề:</strong>{' '}
        <span data-testid="preview-subject">{message.subject}</span> · {MESSAGE_METHOD_NAMES[message.method]}
      </p>
      <div className="preview-columns">
        <iframe title="Nội dung thư" sandbox="" srcDoc={message.html} />
        <div>
          <h4>
            Tệp lịch (ICS){' '}
            <button type="button" className="link" onClick={() => saveBlob(new Blob([message.ics], { type: 'text/calendar' }), 'loi-moi.ics')}>
              Tải về
            </button>
          </h4>
          <pre data-testid="preview-ics">{message.ics}</pre>
        </div>
      </div>
      {detail.data && detail.data.messages.length > 0 && (
        <div>
          <h4>Các thư đã lập</h4>
          <ul>
            {detail.data.messages.map((item) => (
              <li key={item.id}>
                {MESSAGE_KIND_NAMES[item.kind]} (lần {item.sequence}): {MESSAGE_STATUS_NAMES[item.status]}
                {item.sentAt ? `, lúc ${formatInstant(item.sentAt)}` : ''}
                {item.attempts > 0 ? `, ${item.attempts} lần thử` : ''}
                {item.lastError ? ` — lỗi: ${item.lastError}` : ''}
              </li>
            ))}
          </ul>
          {detail.data.messages.some((item) => is(item.status, MessageStatus.Failed)) && (
            <button type="button" onClick={() => retry.mutate()} disabled={retry.isPending}>
              Gửi lại thư lỗi
            </button>
          )}
          <FormError error={retry.error} />
        </div>
      )}
    </div>
  );
}

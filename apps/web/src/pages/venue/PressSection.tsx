import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AccreditationStatus } from '@shared/press/src/press.enums';
import { client, data } from '../../api/client';
import type { PressAccreditation, Venue } from '../../api/models';
import { ErrorPanel, Field, FormError, Loading } from '../../components/errors';
import { is } from '../../codes';
import { formatInstant } from '../../input';

/**
 * Journalists' requests to cover the venue's day (from the public form, whose address is shown to hand
 * out): the province's organizers and planners approve — a pass in the guest list, its code e-mailed —
 * or refuse with a reason.
 */
export function PressSection({ venue }: { venue: Venue }) {
  const list = useQuery({
    queryKey: ['press-accreditations', venue.id],
    queryFn: () => data(client.GET('/api/venues/{venueId}/press-accreditations', { params: { path: { venueId: venue.id } } })),
    retry: false,
  });
  if (list.error) return <ErrorPanel error={list.error} />;
  if (!list.data) return <Loading what="đề nghị cấp thẻ báo chí" />;
  const l = list.data;
  return (
    <div className="press-accreditations" data-testid="press-accreditations">
      <p>
        Phóng viên đăng ký tại: <a href={l.formUrl}>{l.formUrl}</a>
      </p>
      {l.items.length === 0 ? (
        <p className="muted">Chưa có đề nghị nào.</p>
      ) : (
        <ul className="press-list">
          {l.items.map((item) => (
            <PressItem key={item.id} item={item} canDecide={l.canDecide} />
          ))}
        </ul>
      )}
    </div>
  );
}

function PressItem({ item, canDecide }: { item: PressAccreditation; canDecide: boolean }) {
  const queryClient = useQueryClient();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['press-accreditations', item.venueId] });
  const approve = useMutation({
    mutationFn: () => data(client.POST('/api/press-accreditations/{id}/approve', { params: { path: { id: item.id } }, body: { version: item.version } })),
    onSuccess: refresh,
  });
  const refuse = useMutation({
    mutationFn: () =>
      data(client.POST('/api/press-accreditations/{id}/refuse', { params: { path: { id: item.id } }, body: { version: item.version, reason } })),
    onSuccess: refresh,
  });
  const submitRefusal = (event: FormEvent) => {
    event.preventDefault();
    refuse.mutate();
  };
  const pending = is(item.status, AccreditationStatus.Pending);
  return (
    <li className="press-item" data-status={item.status}>
      <div>
        <strong>{item.fullName}</strong> — {item.agency} <span className={`badge status-${item.status}`}>{item.statusName}</span>
      </div>
      <div className="muted">
        Thẻ nhà báo {item.cardNumber} · {item.phone} · {item.email} · gửi {formatInstant(item.createdAt)}
      </div>
      {item.passCode && (
        <div>
          Mã thẻ: <code className="pass-code">{item.passCode}</code>
        </div>
      )}
      {item.refusalReason && <div>Lý do từ chối: {item.refusalReason}</div>}
      {item.decidedAt && (
        <div className="muted">
          {item.decidedByName ?? 'Ban tổ chức'} xử lý lúc {formatInstant(item.decidedAt)}
        </div>
      )}
      {canDecide && pending && (
        <div className="buttons">
          <button type="button" onClick={() => approve.mutate()} disabled={approve.isPending}>
            Cấp thẻ
          </button>
          <button type="button" className="secondary" onClick={() => setRefusing(!refusing)} aria-expanded={refusing}>
            Từ chối…
          </button>
        </div>
      )}
      {canDecide && pending && refusing && (
        <form className="inline-form" onSubmit={submitRefusal} noValidate aria-label={`Từ chối đề nghị của ${item.fullName}`}>
          <Field label="Lý do (gửi cho phóng viên)" field="reason" error={refuse.error} wide>
            <textarea name="reason" rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
          </Field>
          <button type="submit" disabled={refuse.isPending}>
            Gửi từ chối
          </button>
          <FormError error={refuse.error} fields={['reason']} />
        </form>
      )}
      <FormError error={approve.error} />
    </li>
  );
}

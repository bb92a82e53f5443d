import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data } from '../../api/client';
import type { DelegateGreeter, PrecedenceEntry, ProtocolRoles as Roles, SpeakingSlot } from '../../api/models';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorPanel, FieldError, FormError, Loading } from '../../components/errors';

const SIDE_NAMES: Record<SpeakingSlot['side'], string> = { central: 'đại biểu Trung ương', host: 'chủ nhà (lãnh đạo tỉnh, địa phương)' };

/**
 * The programme's speaking slots (phát biểu) with who speaks — proposed by the order of precedence
 * unless the province chose — and each central delegate's greeter (người đón). Printed with the page.
 */
export function ProtocolRolesSection({ venueId, precedence, writable }: { venueId: string; precedence: PrecedenceEntry[]; writable: boolean }) {
  const roles = useQuery({
    queryKey: ['protocol-roles', venueId],
    queryFn: () => data(client.GET('/api/venues/{venueId}/protocol/roles', { params: { path: { venueId } } })),
    retry: false,
  });
  if (roles.error) return <ErrorPanel error={roles.error} />;
  if (!roles.data) return <Loading what="người phát biểu và người đón" />;
  return (
    <>
      {roles.data.changes.length > 0 && (
        <section className="panel warning-panel" role="status" data-testid="role-changes">
          <h2>Phát biểu và đón tiếp cần xem lại</h2>
          <ul>
            {roles.data.changes.map((change) => (
              <li key={`${change.kind}-${change.attendeeKey}`}>{change.message}</li>
            ))}
          </ul>
        </section>
      )}
      <Speakers venueId={venueId} roles={roles.data} precedence={precedence} writable={writable} />
      <Greeters venueId={venueId} roles={roles.data} writable={writable} />
    </>
  );
}

function useRolesRefresh(venueId: string) {
  const queryClient = useQueryClient();
  return (next: Roles) => queryClient.setQueryData(['protocol-roles', venueId], next);
}

function Speakers({ venueId, roles, precedence, writable }: { venueId: string; roles: Roles; precedence: PrecedenceEntry[]; writable: boolean }) {
  const refresh = useRolesRefresh(venueId);
  const choose = useMutation({
    mutationFn: ({ slot, attendeeKey }: { slot: SpeakingSlot; attendeeKey: string }) =>
      attendeeKey
        ? data(
            client.PUT('/api/venues/{venueId}/protocol/speakers/{programmeItemId}', {
              params: { path: { venueId, programmeItemId: slot.programmeItemId } },
              body: { attendeeKey },
            }),
          )
        : data(
            client.DELETE('/api/venues/{venueId}/protocol/speakers/{programmeItemId}', {
              params: { path: { venueId, programmeItemId: slot.programmeItemId } },
            }),
          ),
    onSuccess: refresh,
  });
  return (
    <section className="panel" aria-labelledby="speakers-title">
      <h2 id="speakers-title">Phát biểu</h2>
      {roles.speakingSlots.length === 0 ? (
        <p className="muted">Chương trình chưa có mục nào có chữ “phát biểu”.</p>
      ) : (
        <ol className="card-list" data-testid="speaking-slots">
          {roles.speakingSlots.map((slot) => (
            <li key={slot.programmeItemId} className="card">
              <div>
                <strong>
                  {slot.startTime}–{slot.endTime} {slot.title}
                </strong>
              </div>
              <div data-testid="speaker">
                {slot.speaker ? (
                  <>
                    {slot.speaker.name}
                    {slot.speaker.title && <span className="muted"> — {slot.speaker.title}</span>}
                  </>
                ) : (
                  <span className="muted">Chưa có người phù hợp ({SIDE_NAMES[slot.side]})</span>
                )}
                <span className="muted small"> · {slot.proposed ? 'đề xuất theo thứ tự lễ tân' : 'đã chọn'}</span>
              </div>
              {writable && (
                <label className="no-print">
                  Người phát biểu
                  <select
                    value={slot.proposed ? '' : (slot.speaker?.attendeeKey ?? '')}
                    disabled={choose.isPending}
                    onChange={(event) => choose.mutate({ slot, attendeeKey: event.target.value })}
                  >
                    <option value="">Theo thứ tự lễ tân</option>
                    {precedence.map((entry) => (
                      <option key={entry.attendeeKey} value={entry.attendeeKey}>
                        {entry.position}. {entry.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </li>
          ))}
        </ol>
      )}
      <FormError error={choose.error} />
    </section>
  );
}

function Greeters({ venueId, roles, writable }: { venueId: string; roles: Roles; writable: boolean }) {
  const [editing, setEditing] = useState<string | null>(null);
  const refresh = useRolesRefresh(venueId);
  const remove = useMutation({
    mutationFn: (entry: DelegateGreeter) =>
      data(
        client.DELETE('/api/venues/{venueId}/protocol/greeters/{attendeeKey}', {
          params: { path: { venueId, attendeeKey: entry.attendeeKey }, query: { version: entry.greeter!.version } },
        }),
      ),
    onSuccess: refresh,
  });
  return (
    <section className="panel" aria-labelledby="greeters-title">
      <h2 id="greeters-title">Người đón đại biểu</h2>
      {roles.greeters.length === 0 ? (
        <p className="muted">Chưa có đại biểu Trung ương nhận lời.</p>
      ) : (
        <ul className="card-list" data-testid="greeters">
          {roles.greeters.map((entry) => (
            <li key={entry.attendeeKey} className="card">
              <div>
                <strong>{entry.delegateName}</strong>
                {entry.delegateTitle && <span className="muted"> — {entry.delegateTitle}</span>}
              </div>
              <div>
                Người đón:{' '}
                {entry.greeter ? (
                  <>
                    {entry.greeter.name}
                    {entry.greeter.title && `, ${entry.greeter.title}`}
                    {entry.greeter.phone && (
                      <>
                        {' '}
                        · <a href={`tel:${entry.greeter.phone.replace(/[^0-9+]/g, '')}`}>{entry.greeter.phone}</a>
                      </>
                    )}
                  </>
                ) : (
                  <span className="muted">chưa phân công</span>
                )}
              </div>
              {writable && (
                <div className="actions no-print">
                  <button type="button" className="link" onClick={() => setEditing(editing === entry.attendeeKey ? null : entry.attendeeKey)}>
                    {entry.greeter ? 'Sửa người đón' : 'Phân công người đón'}
                  </button>
                  {entry.greeter && (
                    <ConfirmButton
                      question={`Bỏ phân công ${entry.greeter.name} đón ${entry.delegateName}?`}
                      disabled={remove.isPending}
                      onConfirm={() => remove.mutate(entry)}
                    >
                      Bỏ
                    </ConfirmButton>
                  )}
                </div>
              )}
              {editing === entry.attendeeKey && <GreeterForm venueId={venueId} entry={entry} onDone={() => setEditing(null)} />}
            </li>
          ))}
        </ul>
      )}
      <FormError error={remove.error} />
    </section>
  );
}

function GreeterForm({ venueId, entry, onDone }: { venueId: string; entry: DelegateGreeter; onDone: () => void }) {
  const refresh = useRolesRefresh(venueId);
  const [form, setForm] = useState({ name: entry.greeter?.name ?? '', title: entry.greeter?.title ?? '', phone: entry.greeter?.phone ?? '' });
  const save = useMutation({
    mutationFn: () =>
      data(
        client.PUT('/api/venues/{venueId}/protocol/greeters/{attendeeKey}', {
          params: { path: { venueId, attendeeKey: entry.attendeeKey } },
          body: {
            name: form.name.trim(),
            title: form.title.trim() || null,
            phone: form.phone.trim() || null,
            ...(entry.greeter ? { version: entry.greeter.version } : {}),
          },
        }),
      ),
    onSuccess: (next) => {
      refresh(next);
      onDone();
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label={`Người đón ${entry.delegateName}`}>
      <div className="fields">
        <label className="wide">
          Họ và tên người đón
          <input name="name" value={form.name} onChange={set('name')} />
          <FieldError error={save.error} field="name" />
        </label>
        <label className="wide">
          Chức vụ
          <input name="title" value={form.title} onChange={set('title')} />
          <FieldError error={save.error} field="title" />
        </label>
        <label>
          Điện thoại
          <input name="phone" type="tel" inputMode="tel" value={form.phone} onChange={set('phone')} />
          <FieldError error={save.error} field="phone" />
        </label>
      </div>
      <button type="submit" disabled={save.isPending}>
        Lưu người đón
      </button>
      <FormError error={save.error} fields={['name', 'title', 'phone']} />
    </form>
  );
}

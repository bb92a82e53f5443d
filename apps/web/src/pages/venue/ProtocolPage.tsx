import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { client, data } from '../../api/client';
import type { PrecedenceEntry, Protocol, Seat, Venue } from '../../api/models';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorPanel, FieldError, FormError, Loading } from '../../components/errors';
import { formatDate, formatInstant } from '../../input';
import { GUEST_GROUPS, type GuestGroup, PRECEDENCE_GROUP_NAMES } from '@shared/protocol/src/protocol.enums';
import { RANK_TIER_NAMES } from '@shared/leaders/src/rank-tier';
import { isPlanner, useUser } from '../../session';
import { ProtocolRolesSection } from './ProtocolRoles';
import { canWriteVenue } from './workflow';

/**
 * A venue's protocol (lễ tân) on one page, for the organizer at the venue and the planners: who attends
 * in order of precedence, the province's guests, the front rows drawn from the order (printable as a
 * diagram with name cards), and what a substitution or a new acceptance changed since it was drawn.
 */
export function ProtocolPage() {
  const { id = '' } = useParams();
  const venue = useQuery({ queryKey: ['venue', id], queryFn: () => data(client.GET('/api/venues/{id}', { params: { path: { id } } })), retry: false });
  const protocol = useQuery({
    queryKey: ['protocol', id],
    queryFn: () => data(client.GET('/api/venues/{venueId}/protocol', { params: { path: { venueId: id } } })),
    retry: false,
  });
  if (venue.error) return <ErrorPanel error={venue.error} />;
  if (protocol.error) return <ErrorPanel error={protocol.error} />;
  if (!venue.data || !protocol.data) return <Loading what="thứ tự lễ tân" />;
  return <ProtocolView venue={venue.data} protocol={protocol.data} />;
}

function ProtocolView({ venue, protocol }: { venue: Venue; protocol: Protocol }) {
  const user = useUser();
  const writable = canWriteVenue(user, venue);
  return (
    <div className="protocol-page">
      <p className="breadcrumbs no-print">
        <Link to="/">Tổng quan</Link> › <Link to={`/diem/${venue.id}`}>{venue.name}</Link> › Lễ tân
      </p>
      <section className="panel">
        <h1>Lễ tân: {venue.name}</h1>
        <p className="muted">
          {venue.scheduledDate ? `${formatDate(venue.scheduledDate)}, ${venue.startTime}–${venue.endTime} (giờ Việt Nam)` : 'Chưa xếp lịch'} ·{' '}
          {protocol.precedence.length} người trong thứ tự lễ tân
        </p>
        <button type="button" className="no-print" onClick={() => window.print()}>
          In thứ tự và sơ đồ chỗ ngồi
        </button>
      </section>
      {protocol.changes.length > 0 && (
        <section className="panel warning-panel" role="status" data-testid="seating-changes">
          <h2>Sơ đồ chỗ ngồi cần xem lại</h2>
          <ul>
            {protocol.changes.map((change) => (
              <li key={`${change.kind}-${change.attendeeKey}`}>{change.message}</li>
            ))}
          </ul>
        </section>
      )}
      <Precedence venue={venue} protocol={protocol} writable={writable} />
      <Seating venue={venue} protocol={protocol} writable={writable} />
      <ProtocolRolesSection venueId={venue.id} precedence={protocol.precedence} writable={writable} />
      {protocol.seating && <NameCards protocol={protocol} />}
    </div>
  );
}

function useRefresh(venueId: string) {
  const queryClient = useQueryClient();
  return (next: Protocol) => {
    queryClient.setQueryData(['protocol', venueId], next);
    // The attendance moved: the speakers proposed and the delegates to greet follow it.
    void queryClient.invalidateQueries({ queryKey: ['protocol-roles', venueId] });
  };
}

function Precedence({ venue, protocol, writable }: { venue: Venue; protocol: Protocol; writable: boolean }) {
  const user = useUser();
  const refresh = useRefresh(venue.id);
  const [overriding, setOverriding] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (entry: PrecedenceEntry) =>
      data(
        client.DELETE('/api/venues/{venueId}/guests/{guestId}', {
          params: { path: { venueId: venue.id, guestId: entry.guestId! }, query: { version: entry.guestVersion! } },
        }),
      ),
    onSuccess: async () => refresh(await data(client.GET('/api/venues/{venueId}/protocol', { params: { path: { venueId: venue.id } } }))),
  });
  const clear = useMutation({
    mutationFn: (entry: PrecedenceEntry) =>
      data(
        client.DELETE('/api/venues/{venueId}/protocol/overrides/{attendeeKey}', { params: { path: { venueId: venue.id, attendeeKey: entry.attendeeKey } } }),
      ),
    onSuccess: refresh,
  });
  return (
    <section className="panel" aria-labelledby="precedence-title">
      <h2 id="precedence-title">Thứ tự lễ tân</h2>
      {protocol.precedence.length === 0 ? (
        <p className="muted">Chưa có đại biểu nhận lời và chưa có khách mời nào.</p>
      ) : (
        <ol className="precedence-list" data-testid="precedence">
          {protocol.precedence.map((entry) => (
            <li key={entry.attendeeKey} className="precedence-entry">
              <div>
                <strong>{entry.name}</strong>
                {entry.title && <span className="muted"> — {entry.title}</span>}
              </div>
              <div className="muted small">
                {PRECEDENCE_GROUP_NAMES[entry.group]}
                {entry.tier && ` · ${RANK_TIER_NAMES[entry.tier]}`}
                {entry.chiefGuest && ' · Lãnh đạo dự chính'}
                {entry.deputy && ' · Dự thay'}
                {entry.rank !== null && ` · thứ tự tỉnh xếp: ${entry.rank}`}
              </div>
              {entry.overrideReason && <div className="small">Điều chỉnh: {entry.overrideReason}</div>}
              <div className="actions no-print">
                {isPlanner(user) && (
                  <button type="button" className="link" onClick={() => setOverriding(overriding === entry.attendeeKey ? null : entry.attendeeKey)}>
                    Đổi vị trí
                  </button>
                )}
                {isPlanner(user) && entry.overrideReason && (
                  <button type="button" className="link" onClick={() => clear.mutate(entry)}>
                    Bỏ điều chỉnh
                  </button>
                )}
                {writable && entry.guestId && (
                  <ConfirmButton
                    question={`Xóa khách mời “${entry.name}” khỏi danh sách lễ tân?`}
                    detail="Ghế đã xếp cho người này sẽ được báo cần xem lại."
                    disabled={remove.isPending}
                    onConfirm={() => remove.mutate(entry)}
                  >
                    Xóa
                  </ConfirmButton>
                )}
              </div>
              {overriding === entry.attendeeKey && <OverrideForm venueId={venue.id} entry={entry} onDone={() => setOverriding(null)} />}
            </li>
          ))}
        </ol>
      )}
      <FormError error={remove.error ?? clear.error} />
      {writable && <GuestForm venueId={venue.id} />}
    </section>
  );
}

function OverrideForm({ venueId, entry, onDone }: { venueId: string; entry: PrecedenceEntry; onDone: () => void }) {
  const refresh = useRefresh(venueId);
  const [position, setPosition] = useState(String(entry.position));
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: () =>
      data(
        client.PUT('/api/venues/{venueId}/protocol/overrides/{attendeeKey}', {
          params: { path: { venueId, attendeeKey: entry.attendeeKey } },
          body: { position: Number(position), reason: reason.trim() },
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
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label={`Đổi vị trí của ${entry.name}`}>
      <div className="fields">
        <label>
          Vị trí mới
          <input name="position" inputMode="numeric" value={position} onChange={(event) => setPosition(event.target.value)} />
          <FieldError error={save.error} field="position" />
        </label>
        <label className="wide">
          Lý do
          <input name="reason" value={reason} onChange={(event) => setReason(event.target.value)} />
          <FieldError error={save.error} field="reason" />
        </label>
      </div>
      <button type="submit" disabled={save.isPending}>
        Lưu vị trí
      </button>
      <FormError error={save.error} fields={['position', 'reason']} />
    </form>
  );
}

function GuestForm({ venueId }: { venueId: string }) {
  const refresh = useRefresh(venueId);
  const [form, setForm] = useState<{ name: string; title: string; group: GuestGroup; rank: string }>({ name: '', title: '', group: GUEST_GROUPS[0], rank: '' });
  const add = useMutation({
    mutationFn: () =>
      data(
        client.POST('/api/venues/{venueId}/guests', {
          params: { path: { venueId } },
          body: { name: form.name.trim(), title: form.title.trim() || null, group: form.group, rank: form.rank.trim() ? Number(form.rank) : null },
        }),
      ),
    onSuccess: (next) => {
      refresh(next);
      setForm({ ...form, name: '', title: '', rank: '' });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate();
  }
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });
  return (
    <form className="inline-form no-print" onSubmit={submit} noValidate aria-label="Thêm khách mời của tỉnh">
      <h3>Thêm lãnh đạo tỉnh, địa phương hoặc khách mời</h3>
      <div className="fields">
        <label className="wide">
          Họ và tên
          <input name="name" value={form.name} onChange={set('name')} />
          <FieldError error={add.error} field="name" />
        </label>
        <label className="wide">
          Chức vụ
          <input name="title" value={form.title} onChange={set('title')} />
          <FieldError error={add.error} field="title" />
        </label>
        <label>
          Nhóm
          <select name="group" value={form.group} onChange={set('group')}>
            {GUEST_GROUPS.map((group) => (
              <option key={group} value={group}>
                {PRECEDENCE_GROUP_NAMES[group]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Thứ tự trong nhóm
          <input name="rank" inputMode="numeric" value={form.rank} onChange={set('rank')} />
          <FieldError error={add.error} field="rank" />
        </label>
      </div>
      <button type="submit" disabled={add.isPending}>
        Thêm vào danh sách
      </button>
      <FormError error={add.error} fields={['name', 'title', 'rank']} />
    </form>
  );
}

function Seating({ venue, protocol, writable }: { venue: Venue; protocol: Protocol; writable: boolean }) {
  const refresh = useRefresh(venue.id);
  const plan = protocol.seating;
  const [size, setSize] = useState({ rows: String(plan?.rows ?? 1), seatsPerRow: String(plan?.seatsPerRow ?? 7) });
  const [picked, setPicked] = useState<{ row: number; seat: number } | null>(null);
  const draw = useMutation({
    mutationFn: () =>
      data(
        client.POST('/api/venues/{venueId}/seating-plan', {
          params: { path: { venueId: venue.id } },
          body: { rows: Number(size.rows), seatsPerRow: Number(size.seatsPerRow), ...(plan ? { version: plan.version } : {}) },
        }),
      ),
    onSuccess: refresh,
  });
  const swap = useMutation({
    mutationFn: (seats: Array<{ row: number; seat: number; attendeeKey: string }>) =>
      data(client.PUT('/api/venues/{venueId}/seating-plan', { params: { path: { venueId: venue.id } }, body: { version: plan!.version, seats } })),
    onSuccess: refresh,
  });

  /** Tap a seat, then another: the two swap (an empty seat takes the person). */
  function pick(row: number, seat: number) {
    if (!plan || !writable) return;
    if (!picked) return setPicked({ row, seat });
    setPicked(null);
    if (picked.row === row && picked.seat === seat) return;
    const at = (where: { row: number; seat: number }) => plan.seats.find((s) => s.row === where.row && s.seat === where.seat);
    const from = at(picked);
    const to = at({ row, seat });
    const moved = plan.seats
      .filter((s) => s !== from && s !== to)
      .map(({ row: r, seat: n, attendeeKey }) => ({ row: r, seat: n, attendeeKey }))
      // Whoever no longer attends cannot be saved into a seat: their seat is shown empty once saved.
      .filter((s) => protocol.precedence.some((entry) => entry.attendeeKey === s.attendeeKey));
    if (from && from.name !== null) moved.push({ row, seat, attendeeKey: from.attendeeKey });
    if (to && to.name !== null) moved.push({ row: picked.row, seat: picked.seat, attendeeKey: to.attendeeKey });
    swap.mutate(moved);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const replacing = plan?.editedByHand ? 'Xếp lại sẽ bỏ các chỗ đã sửa tay. Tiếp tục?' : null;
    if (replacing && !window.confirm(replacing)) return;
    draw.mutate();
  }

  return (
    <section className="panel" aria-labelledby="seating-title">
      <h2 id="seating-title">Sơ đồ hàng ghế đại biểu</h2>
      {writable && (
        <form className="inline-form no-print" onSubmit={submit} noValidate aria-label="Xếp chỗ ngồi theo thứ tự lễ tân">
          <div className="fields">
            <label>
              Số hàng
              <input name="rows" inputMode="numeric" value={size.rows} onChange={(event) => setSize({ ...size, rows: event.target.value })} />
              <FieldError error={draw.error} field="rows" />
            </label>
            <label>
              Số ghế mỗi hàng
              <input
                name="seatsPerRow"
                inputMode="numeric"
                value={size.seatsPerRow}
                onChange={(event) => setSize({ ...size, seatsPerRow: event.target.value })}
              />
              <FieldError error={draw.error} field="seatsPerRow" />
            </label>
          </div>
          <button type="submit" disabled={draw.isPending}>
            {plan ? 'Xếp lại theo thứ tự lễ tân' : 'Xếp chỗ theo thứ tự lễ tân'}
          </button>
          <FormError error={draw.error} fields={['rows', 'seatsPerRow']} />
        </form>
      )}
      {!plan ? (
        <p className="muted">Chưa xếp sơ đồ chỗ ngồi.</p>
      ) : (
        <>
          <p className="muted small">
            {plan.rows} hàng × {plan.seatsPerRow} ghế · cập nhật {formatInstant(plan.updatedAt)}
            {plan.editedByHand && ' · đã sửa tay'}
            {writable && <span className="no-print"> · chạm một ghế rồi ghế khác để đổi chỗ</span>}
          </p>
          <div className="seating" data-testid="seating-plan">
            <div className="stage">Sân khấu</div>
            {Array.from({ length: plan.rows }, (_, index) => index + 1).map((row) => (
              <div className="seat-row" key={row} aria-label={`Hàng ${row}`} role="group">
                {Array.from({ length: plan.seatsPerRow }, (_, index) => index + 1).map((seat) => {
                  const taken: Seat | undefined = plan.seats.find((s) => s.row === row && s.seat === seat);
                  const selected = picked?.row === row && picked.seat === seat;
                  return (
                    <button
                      type="button"
                      key={seat}
                      className={`seat${taken?.name ? ' taken' : ''}${taken && taken.name === null ? ' vacated' : ''}${selected ? ' selected' : ''}`}
                      onClick={() => pick(row, seat)}
                      disabled={!writable || swap.isPending}
                      aria-pressed={selected}
                      aria-label={`Hàng ${row}, ghế ${seat}: ${taken?.name ?? (taken ? 'người không còn dự' : 'trống')}`}
                    >
                      <span className="seat-number">{seat}</span>
                      <span className="seat-name">{taken?.name ?? (taken ? '(không còn dự)' : '')}</span>
                    </button>
                  );
                })}
              </div>
            ))}
          </div>
          <FormError error={swap.error} />
        </>
      )}
    </section>
  );
}

/** One card per seated person, printed after the diagram (bảng tên đặt trên bàn đại biểu). */
function NameCards({ protocol }: { protocol: Protocol }) {
  const seated = (protocol.seating?.seats ?? []).filter((seat) => seat.name !== null);
  if (seated.length === 0) return null;
  return (
    <section className="name-cards print-only" aria-label="Bảng tên đại biểu">
      {seated.map((seat) => (
        <div className="name-card" key={seat.attendeeKey}>
          <div className="name-card-name">{seat.name}</div>
          {seat.title && <div className="name-card-title">{seat.title}</div>}
        </div>
      ))}
    </section>
  );
}

import { FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { client, data } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { GuestList, Venue } from '../../api/models';
import { ErrorPanel, Loading } from '../../components/errors';
import { formatInstant } from '../../input';
import { enqueue, flush, queued, type QueuedCheckIn, type SendResult } from './check-in-queue';
import { DayStateSection } from './DayStateSection';
import { cameraRefusal, startScanner } from './qr-scan';

/** Diacritics and case folded, so "giang a" finds "Giàng A Tỉnh" (đ is not a combining mark: folded by hand). */
const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

type Notice = { tone: 'ok' | 'again' | 'refused' | 'queued'; text: string };

/**
 * The venue's door on the organizer's phone (điểm danh): scan a pass's QR code with the camera, type the
 * code or find a name, check the person in; a repeat says when they came; without a connection the
 * check-in is kept on the phone and sent when the connection is back. Above it, the venue's state on its
 * day for the live board.
 */
export function CheckInPage() {
  const { id = '' } = useParams();
  const venue = useQuery({ queryKey: ['venue', id], queryFn: () => data(client.GET('/api/venues/{id}', { params: { path: { id } } })), retry: false });
  const list = useQuery({
    queryKey: ['guest-list', id],
    queryFn: () => data(client.GET('/api/venues/{venueId}/guest-list', { params: { path: { venueId: id } } })),
    retry: false,
  });
  if (venue.error) return <ErrorPanel error={venue.error} />;
  if (list.error && !list.data) return <ErrorPanel error={list.error} />;
  if (!venue.data || !list.data) return <Loading what="danh sách khách" />;
  return <Door venue={venue.data} list={list.data} />;
}

function Door({ venue, list }: { venue: Venue; list: GuestList }) {
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [search, setSearch] = useState('');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [waiting, setWaiting] = useState<QueuedCheckIn[]>(() => queued(localStorage, venue.id));

  const send = useCallback(
    async (item: QueuedCheckIn): Promise<SendResult> => {
      try {
        const result = await data(client.POST('/api/venues/{venueId}/check-ins', { params: { path: { venueId: venue.id } }, body: item }));
        return { ok: true, message: result.message };
      } catch (error) {
        if (error instanceof ApiError && error.status === 0) return { ok: false, network: true };
        return { ok: false, network: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
    [venue.id],
  );

  const sendWaiting = useCallback(async () => {
    if (queued(localStorage, venue.id).length === 0) return;
    const report = await flush(localStorage, venue.id, send);
    setWaiting(report.left);
    if (report.sent.length || report.refused.length) {
      setNotice({
        tone: report.refused.length ? 'refused' : 'ok',
        text: [`Đã gửi ${report.sent.length} lượt điểm danh lưu khi mất mạng.`, ...report.refused].join(' '),
      });
      void queryClient.invalidateQueries({ queryKey: ['guest-list', venue.id] });
    }
  }, [queryClient, send, venue.id]);

  useEffect(() => {
    const again = () => void sendWaiting();
    const first = window.setTimeout(again, 0); // what an earlier visit left waiting, once the page is drawn
    window.addEventListener('online', again);
    const timer = window.setInterval(again, 15_000);
    return () => {
      window.clearTimeout(first);
      window.removeEventListener('online', again);
      window.clearInterval(timer);
    };
  }, [sendWaiting]);

  async function checkIn(passCode: string) {
    const item = { code: passCode.trim(), scannedAt: new Date().toISOString() };
    if (!item.code) return;
    const result = await send(item);
    if (result.ok) {
      const again = result.message.includes('đã điểm danh lúc');
      setNotice({ tone: again ? 'again' : 'ok', text: result.message });
      setCode('');
      void queryClient.invalidateQueries({ queryKey: ['guest-list', venue.id] });
    } else if (result.network) {
      setWaiting(enqueue(localStorage, venue.id, item));
      setNotice({ tone: 'queued', text: `Mất kết nối: đã lưu mã ${item.code} trên máy, sẽ tự gửi khi có mạng.` });
      setCode('');
    } else {
      setNotice({ tone: 'refused', text: result.message });
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void checkIn(code);
  }

  const found = useMemo(() => {
    const wanted = folded(search.trim());
    return wanted ? list.entries.filter((entry) => folded(`${entry.name} ${entry.title ?? ''}`).includes(wanted)) : list.entries;
  }, [list.entries, search]);

  return (
    <div className="check-in-page">
      <p className="breadcrumbs">
        <Link to="/">Tổng quan</Link> › <Link to={`/diem/${venue.id}`}>{venue.name}</Link> › Điểm danh
      </p>
      <section className="panel">
        <h1>Điểm danh: {venue.name}</h1>
        <p data-testid="check-in-count">
          Đã điểm danh {list.checkedIn}/{list.total} người
        </p>
        {waiting.length > 0 && (
          <p className="notice" data-testid="check-in-waiting">
            {waiting.length} lượt điểm danh đang chờ gửi khi có mạng.
          </p>
        )}
        <Scanner onCode={(scanned) => void checkIn(scanned)} />
        <form className="inline-form" onSubmit={submit} noValidate aria-label="Điểm danh bằng mã thẻ">
          <label className="wide">
            Mã thẻ
            <input
              name="code"
              value={code}
              onChange={(event) => setCode(event.target.value)}
              autoCapitalize="characters"
              autoComplete="off"
              placeholder="VD: K7QM-42XD"
            />
          </label>
          <button type="submit">Điểm danh</button>
        </form>
        {notice && (
          <p className={`check-in-notice ${notice.tone}`} role="status" data-testid="check-in-notice">
            {notice.text}
          </p>
        )}
      </section>
      <DayStateSection venueId={venue.id} />
      <section className="panel" aria-labelledby="guest-list-title">
        <h2 id="guest-list-title">Danh sách khách</h2>
        <label className="block-label">
          Tìm theo tên
          <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        <ul className="guest-list">
          {found.map((entry) => (
            <li key={entry.attendeeKey} className={entry.checkedInAt ? 'checked-in' : undefined}>
              <div>
                <strong>{entry.name}</strong>
                {entry.title && <span className="muted"> — {entry.title}</span>}
                <div className="muted small">
                  {entry.groupName} · mã {entry.passCode}
                  {entry.checkedInAt && ` · đã đến ${formatInstant(entry.checkedInAt)}`}
                </div>
              </div>
              {!entry.checkedInAt && (
                <button type="button" onClick={() => void checkIn(entry.passCode)} aria-label={`Điểm danh ${entry.name}`}>
                  Điểm danh
                </button>
              )}
            </li>
          ))}
          {found.length === 0 && <li className="muted">Không tìm thấy ai.</li>}
        </ul>
      </section>
    </div>
  );
}

/** The same code read again within this time is the same pass still held up to the camera: sent once. */
const SAME_SCAN_MS = 4_000;

/**
 * The camera at the door: started on demand (the browser asks for permission then), each pass read
 * goes the typed code's way. A refused or missing camera is said in words; the typed code still works.
 */
function Scanner({ onCode }: { onCode: (code: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const stop = useRef<(() => void) | null>(null);
  const last = useRef<{ code: string; at: number } | null>(null);
  const [state, setState] = useState<'off' | 'starting' | 'on'>('off');
  const [refusal, setRefusal] = useState<string | null>(null);
  const latest = useRef(onCode);
  useEffect(() => {
    latest.current = onCode;
  });

  useEffect(() => () => stop.current?.(), []);

  async function start() {
    if (!video.current) return;
    setRefusal(null);
    setState('starting');
    try {
      stop.current = await startScanner(video.current, (code) => {
        const now = Date.now();
        if (last.current && last.current.code === code && now - last.current.at < SAME_SCAN_MS) return;
        last.current = { code, at: now };
        latest.current(code);
      });
      setState('on');
    } catch (error) {
      setRefusal(cameraRefusal(error));
      setState('off');
    }
  }

  function off() {
    stop.current?.();
    stop.current = null;
    setState('off');
  }

  return (
    <div className="scanner">
      <video ref={video} className={state === 'off' ? 'scanner-video hidden' : 'scanner-video'} aria-label="Hình ảnh camera để quét mã QR" muted playsInline />
      {state === 'off' ? (
        <button type="button" onClick={() => void start()}>
          Quét mã QR bằng camera
        </button>
      ) : (
        <button type="button" onClick={off} disabled={state === 'starting'}>
          {state === 'starting' ? 'Đang mở camera…' : 'Tắt camera'}
        </button>
      )}
      {refusal && (
        <p className="check-in-notice refused" role="alert" data-testid="camera-refusal">
          {refusal}
        </p>
      )}
    </div>
  );
}

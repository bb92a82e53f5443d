import { useCallback, useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DAY_STATE_NAMES } from '@shared/day-board/src/day-state.enums';
import { client, data } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { DayStateName, VenueDayState } from '../../api/models';
import { FormError } from '../../components/errors';
import { formatInstant } from '../../input';

interface Pending {
  state: DayStateName;
  note: string | null;
  version: number;
}

const RETRY_MS = 15_000;
const storageKey = (venueId: string) => `ngayhoi-day-state:${venueId}`;

function pendingOf(venueId: string): Pending | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(storageKey(venueId)) ?? 'null') as Pending | null;
    return parsed && typeof parsed.state === 'string' && typeof parsed.version === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * The venue's state on its day, set from the organizer's phone (issue 20): the current state and the
 * moves the state machine allows now, as big buttons; an incident needs its note. What is set shows at
 * once on the planners' live board. Without a connection the change is kept on the phone and sent when
 * the connection is back: the API answers a change it already has unchanged, so a resend is harmless.
 */
export function DayStateSection({ venueId }: { venueId: string }) {
  const queryClient = useQueryClient();
  const current = useQuery({
    queryKey: ['day-state', venueId],
    queryFn: () => data(client.GET('/api/venues/{venueId}/day-state', { params: { path: { venueId } } })),
  });
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const [pending, setPending] = useState<Pending | null>(() => pendingOf(venueId));

  const send = useCallback(
    async (change: Pending): Promise<void> => {
      setSending(true);
      try {
        const view: VenueDayState = await data(client.PUT('/api/venues/{venueId}/day-state', { params: { path: { venueId } }, body: change }));
        queryClient.setQueryData(['day-state', venueId], view);
        localStorage.removeItem(storageKey(venueId));
        setPending(null);
        setError(null);
        setNote('');
      } catch (failure) {
        if (failure instanceof ApiError && failure.status === 0) {
          localStorage.setItem(storageKey(venueId), JSON.stringify(change));
          setPending(change);
        } else {
          localStorage.removeItem(storageKey(venueId));
          setPending(null);
          setError(failure);
          void queryClient.invalidateQueries({ queryKey: ['day-state', venueId] });
        }
      } finally {
        setSending(false);
      }
    },
    [queryClient, venueId],
  );

  useEffect(() => {
    const again = () => {
      const waiting = pendingOf(venueId);
      if (waiting) void send(waiting);
    };
    window.addEventListener('online', again);
    const timer = window.setInterval(again, RETRY_MS);
    return () => {
      window.removeEventListener('online', again);
      window.clearInterval(timer);
    };
  }, [send, venueId]);

  const view = current.data;
  if (!view) return null;
  return (
    <section className="panel day-state" aria-labelledby="day-state-title">
      <h2 id="day-state-title">Tình hình Ngày hội</h2>
      <p>
        Hiện tại:{' '}
        <strong className={`day-state-badge ${view.state}`} data-testid="day-state-current">
          {view.stateName}
        </strong>
        {view.updatedAt && <span className="muted small"> · cập nhật {formatInstant(view.updatedAt)}</span>}
      </p>
      {view.note && <p className="muted">Ghi chú: {view.note}</p>}
      {view.refusal && <p className="notice">{view.refusal}</p>}
      {pending && (
        <p className="check-in-notice queued" role="status" data-testid="day-state-waiting">
          Mất kết nối: “{DAY_STATE_NAMES[pending.state]}” đã lưu trên máy, sẽ tự gửi khi có mạng.
        </p>
      )}
      {view.canSet && view.nextStates.length > 0 && !pending && (
        <>
          <label className="block-label">
            Ghi chú (bắt buộc khi báo sự cố)
            <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={2} maxLength={1000} />
          </label>
          <div className="day-state-actions">
            {view.nextStates.map((state) => (
              <button
                key={state}
                type="button"
                className={`day-state-button ${state}`}
                disabled={sending}
                onClick={() => void send({ state, note: note.trim() || null, version: view.version })}
              >
                {state === 'incident' && view.state === 'incident' ? 'Cập nhật sự cố' : DAY_STATE_NAMES[state]}
              </button>
            ))}
          </div>
        </>
      )}
      {error !== null && <FormError error={error} />}
    </section>
  );
}

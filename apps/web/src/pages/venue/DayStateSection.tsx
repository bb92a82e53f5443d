import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DAY_STATE_NAMES } from '@shared/day-board/src/day-state.enums';
import { client, data } from '../../api/client';
import type { DayStateName } from '../../api/models';
import { FormError } from '../../components/errors';
import { formatInstant } from '../../input';

/**
 * The venue's state on its day, set from the organizer's phone (issue 20): the current state and the
 * moves the state machine allows now, as big buttons; an incident needs its note. What is set shows at
 * once on the planners' live board.
 */
export function DayStateSection({ venueId }: { venueId: string }) {
  const queryClient = useQueryClient();
  const key = ['day-state', venueId];
  const current = useQuery({ queryKey: key, queryFn: () => data(client.GET('/api/venues/{venueId}/day-state', { params: { path: { venueId } } })) });
  const [note, setNote] = useState('');
  const set = useMutation({
    mutationFn: (state: DayStateName) =>
      data(
        client.PUT('/api/venues/{venueId}/day-state', {
          params: { path: { venueId } },
          body: { state, note: note.trim() || null, version: current.data?.version ?? 0 },
        }),
      ),
    onSuccess: (view) => {
      queryClient.setQueryData(key, view);
      setNote('');
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
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
      {view.canSet && view.nextStates.length > 0 && (
        <>
          <label className="block-label">
            Ghi chú (bắt buộc khi báo sự cố)
            <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={2} maxLength={1000} />
          </label>
          <div className="day-state-actions">
            {view.nextStates.map((state) => (
              <button key={state} type="button" className={`day-state-button ${state}`} disabled={set.isPending} onClick={() => set.mutate(state)}>
                {state === 'incident' && view.state === 'incident' ? 'Cập nhật sự cố' : DAY_STATE_NAMES[state]}
              </button>
            ))}
          </div>
        </>
      )}
      {set.error && <FormError error={set.error} />}
    </section>
  );
}

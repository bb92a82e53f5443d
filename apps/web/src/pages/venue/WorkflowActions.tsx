import { FormEvent, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { client, data } from '../../api/client';
import { ApiError, asText } from '../../api/errors';
import { DateField } from '../../components/DateField';
import { FieldError, FormError } from '../../components/errors';
import { TimeField } from '../../components/TimeField';
import { date, dateText, formatDate, read, time } from '../../input';
import { VenueStatus } from '@shared/venues/src/venue.enums';
import { useEdition, useUser } from '../../session';
import { venuesChanged } from '../../queries';
import type { Venue } from '../../api/models';
import { actionName, availableTransitions, needsReason, needsSchedule } from './workflow';

/** The workflow buttons a user may use on this venue; scheduling and refusals open their small form. */
export function WorkflowActions({ venue }: { venue: Venue }) {
  const user = useUser();
  // The venue's own edition (not necessarily the one chosen in the header): its window limits the date.
  const edition = useEdition().editions.find((item) => item.id === venue.editionId);
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<VenueStatus | null>(null);
  const [reason, setReason] = useState('');
  const [day, setDay] = useState(dateText(venue.scheduledDate ?? venue.candidateDates[0]));
  const [startTime, setStartTime] = useState(venue.startTime ?? '07:30');
  const [endTime, setEndTime] = useState(venue.endTime ?? '11:30');
  const transition = useMutation({
    mutationFn: (to: VenueStatus) => {
      // Scheduling takes a date and hours (read here: what is not one is refused under its field); refusals a reason.
      const body = needsSchedule(to)
        ? read({
            to,
            version: venue.version,
            date: date(day, { required: true }),
            startTime: time(startTime, { required: true }),
            endTime: time(endTime, { required: true }),
          })
        : { to, version: venue.version, reason: needsReason(to) ? reason.trim() || undefined : undefined };
      return data(client.POST('/api/venues/{id}/transitions', { params: { path: { id: venue.id } }, body }));
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(['venue', venue.id], updated);
      venuesChanged(queryClient);
      setOpen(null);
      setReason('');
    },
  });
  const actions = availableTransitions(user, venue);
  if (actions.length === 0) return null;

  function start(to: VenueStatus) {
    transition.reset();
    if (needsReason(to) || needsSchedule(to)) setOpen(to);
    else transition.mutate(to);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (open) transition.mutate(open);
  }
  const error = transition.error;
  // The API names the window a refused date broke; it is said under the field.
  const outsideWindow =
    error instanceof ApiError && error.code === 'DATE_OUTSIDE_WINDOW'
      ? `${formatDate(asText(error.detail('windowStart')))} – ${formatDate(asText(error.detail('windowEnd')))}`
      : null;

  return (
    <div className="workflow" data-testid="workflow-actions">
      <div className="buttons">
        {actions.map((to) => (
          <button
            key={to}
            type="button"
            className={to === VenueStatus.Rejected || to === VenueStatus.Cancelled ? 'danger' : ''}
            disabled={transition.isPending}
            onClick={() => start(to)}
          >
            {actionName(venue.status, to)}
          </button>
        ))}
      </div>
      {open && (
        <form className="inline-form" onSubmit={submit} noValidate aria-label={actionName(venue.status, open)}>
          {needsSchedule(open) ? (
            <div className="fields">
              <label>
                Ngày tổ chức
                <DateField label="Ngày tổ chức" name="date" value={day} onChange={setDay} min={edition?.windowStart} max={edition?.windowEnd} />
                {edition && (
                  <small className="muted">
                    Trong thời gian tổ chức {formatDate(edition.windowStart)} – {formatDate(edition.windowEnd)}
                  </small>
                )}
                <FieldError error={error} field="date" />
                {outsideWindow && (
                  <div className="field-error" role="alert" data-field="date">
                    Ngoài thời gian tổ chức của đợt ({outsideWindow})
                  </div>
                )}
              </label>
              <label>
                Giờ bắt đầu
                <TimeField name="startTime" value={startTime} onChange={setStartTime} />
                <FieldError error={error} field="startTime" />
              </label>
              <label>
                Giờ kết thúc
                <TimeField name="endTime" value={endTime} onChange={setEndTime} />
                <FieldError error={error} field="endTime" />
              </label>
              {venue.candidateDates.length > 0 && <small className="muted">Ngày dự kiến: {venue.candidateDates.map(formatDate).join(', ')}</small>}
            </div>
          ) : (
            <>
              {/* What goes, named: a refusal or a cancellation is final (no transition leaves it). */}
              <p className="confirm-question">
                {actionName(venue.status, open)} «{venue.name}»? Đây là quyết định cuối cùng: điểm không mở lại được.
              </p>
              <label>
                Lý do ({open === VenueStatus.Rejected ? 'bắt buộc khi từ chối' : 'bắt buộc khi hủy'})
                <textarea name="reason" value={reason} onChange={(event) => setReason(event.target.value)} rows={3} />
                <FieldError error={error} field="reason" />
              </label>
            </>
          )}
          <FormError error={error} fields={['date', 'startTime', 'endTime', 'reason']} />
          <div className="buttons">
            <button type="submit" disabled={transition.isPending}>
              {transition.isPending ? 'Đang lưu…' : `Xác nhận: ${actionName(venue.status, open).toLocaleLowerCase('vi')}`}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(null)}>
              Bỏ qua
            </button>
          </div>
        </form>
      )}
      {!open && <FormError error={error} />}
    </div>
  );
}

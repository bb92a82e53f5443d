import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data } from '../../api/client';
import { ErrorPanel, Field, FormError, Loading } from '../../components/errors';
import { formatInstant, read, text, whole, wholeText } from '../../input';
import type { Venue, VenueResult } from '../../api/models';

const FIELDS = ['attendance', 'awardedCollectives', 'awardedIndividuals', 'summary'];

/**
 * What the venue recorded after its day (attendance, awards, a short report): shown to whoever reads
 * the venue; the province's organizers and planners record and correct it from the day on.
 */
export function VenueResultSection({ venue }: { venue: Venue }) {
  const result = useQuery({
    queryKey: ['venue-result', venue.id],
    queryFn: () => data(client.GET('/api/venues/{venueId}/result', { params: { path: { venueId: venue.id } } })),
    retry: false,
  });
  if (result.error) return <ErrorPanel error={result.error} />;
  if (!result.data) return <Loading what="kết quả" />;
  const r = result.data;
  return (
    <div className="venue-result" data-testid="venue-result">
      {r.recorded ? (
        <dl className="details">
          <dt>Người tham dự</dt>
          <dd>{wholeText(r.attendance)}</dd>
          <dt>Khen thưởng</dt>
          <dd>
            {wholeText(r.awardedCollectives)} tập thể, {wholeText(r.awardedIndividuals)} cá nhân
          </dd>
          <dt>Báo cáo nhanh</dt>
          <dd className="report-summary">{r.summary}</dd>
          <dt>Cập nhật</dt>
          <dd>{formatInstant(r.recordedAt)}</dd>
        </dl>
      ) : (
        <p className="muted">Chưa ghi kết quả.</p>
      )}
      {r.canRecord ? <ResultForm key={r.version} venueId={venue.id} result={r} /> : r.refusal && <p className="muted">{r.refusal}</p>}
    </div>
  );
}

function ResultForm({ venueId, result }: { venueId: string; result: VenueResult }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({
    attendance: result.recorded ? wholeText(result.attendance) : '',
    awardedCollectives: wholeText(result.awardedCollectives),
    awardedIndividuals: wholeText(result.awardedIndividuals),
    summary: result.summary,
  });
  const save = useMutation({
    mutationFn: () => {
      const body = read({
        attendance: whole(draft.attendance, { required: true }),
        awardedCollectives: whole(draft.awardedCollectives, { required: true }),
        awardedIndividuals: whole(draft.awardedIndividuals, { required: true }),
        summary: text(draft.summary, { required: true }),
      });
      return data(
        client.PUT('/api/venues/{venueId}/result', { params: { path: { venueId } }, body: result.recorded ? { ...body, version: result.version } : body }),
      );
    },
    onSuccess: (saved) => queryClient.setQueryData(['venue-result', venueId], saved),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const input = (key: 'attendance' | 'awardedCollectives' | 'awardedIndividuals') => (
    <input name={key} inputMode="numeric" value={draft[key]} onChange={(event) => setDraft({ ...draft, [key]: event.target.value })} />
  );
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label={result.recorded ? 'Sửa kết quả' : 'Ghi kết quả'}>
      <div className="fields">
        <Field label="Số người tham dự" field="attendance" error={save.error}>
          {input('attendance')}
        </Field>
        <Field label="Tập thể được khen thưởng" field="awardedCollectives" error={save.error}>
          {input('awardedCollectives')}
        </Field>
        <Field label="Cá nhân được khen thưởng" field="awardedIndividuals" error={save.error}>
          {input('awardedIndividuals')}
        </Field>
      </div>
      <Field label="Báo cáo nhanh" field="summary" error={save.error} wide>
        <textarea name="summary" rows={4} value={draft.summary} onChange={(event) => setDraft({ ...draft, summary: event.target.value })} />
      </Field>
      <button type="submit" disabled={save.isPending}>
        {result.recorded ? 'Lưu sửa đổi' : 'Ghi kết quả'}
      </button>
      <FormError error={save.error} fields={FIELDS} />
    </form>
  );
}

import { FormEvent, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { client, data } from '../api/client';
import { ErrorPanel, Field, FormError, Loading } from '../components/errors';
import { formatDate } from '../input';

const FIELDS = ['fullName', 'agency', 'cardNumber', 'phone', 'email'] as const;
type Draft = Record<(typeof FIELDS)[number] | 'website', string>;

/**
 * The public accreditation form (no account): a journalist asks to cover a venue's day. The hidden
 * "website" field is the honeypot — people never see it, robots fill it. Phone first, 360 px wide.
 */
export function PressFormPage() {
  const { venueId = '' } = useParams();
  const venue = useQuery({
    queryKey: ['press-venue', venueId],
    queryFn: () => data(client.GET('/api/press/venues/{venueId}', { params: { path: { venueId } } })),
    retry: false,
  });
  const [draft, setDraft] = useState<Draft>({ fullName: '', agency: '', cardNumber: '', phone: '', email: '', website: '' });
  const send = useMutation({
    mutationFn: () => data(client.POST('/api/press/accreditations', { body: { venueId, ...draft } })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  const input = (key: (typeof FIELDS)[number], type = 'text', autoComplete?: string) => (
    <input name={key} type={type} autoComplete={autoComplete} value={draft[key]} onChange={(event) => setDraft({ ...draft, [key]: event.target.value })} />
  );
  return (
    <main className="public-page">
      <section className="panel press-form">
        <h1>Đăng ký tác nghiệp báo chí</h1>
        {venue.error ? (
          <ErrorPanel error={venue.error} />
        ) : !venue.data ? (
          <Loading what="điểm tổ chức" />
        ) : (
          <>
            <p>
              Ngày hội toàn dân bảo vệ an ninh Tổ quốc tại <strong>{venue.data.name}</strong>, {venue.data.provinceName}
              {venue.data.scheduledDate ? `, ngày ${formatDate(venue.data.scheduledDate)}` : ''}.
            </p>
            {!venue.data.open ? (
              <p className="muted">Điểm tổ chức này hiện không nhận đề nghị cấp thẻ tác nghiệp.</p>
            ) : send.data ? (
              <p className="success" role="status">
                {send.data.message}
              </p>
            ) : (
              <form className="inline-form" onSubmit={submit} noValidate aria-label="Đề nghị cấp thẻ tác nghiệp">
                <div className="fields">
                  <Field label="Họ và tên" field="fullName" error={send.error} wide>
                    {input('fullName', 'text', 'name')}
                  </Field>
                  <Field label="Cơ quan báo chí" field="agency" error={send.error} wide>
                    {input('agency', 'text', 'organization')}
                  </Field>
                  <Field label="Số thẻ nhà báo" field="cardNumber" error={send.error} wide>
                    {input('cardNumber')}
                  </Field>
                  <Field label="Số điện thoại" field="phone" error={send.error} wide>
                    {input('phone', 'tel', 'tel')}
                  </Field>
                  <Field label="E-mail nhận thẻ" field="email" error={send.error} wide>
                    {input('email', 'email', 'email')}
                  </Field>
                </div>
                {/* The honeypot: out of sight and out of the accessibility tree; people leave it empty. */}
                <div className="honeypot" aria-hidden="true">
                  <label>
                    Website
                    <input
                      name="website"
                      tabIndex={-1}
                      autoComplete="off"
                      value={draft.website}
                      onChange={(event) => setDraft({ ...draft, website: event.target.value })}
                    />
                  </label>
                </div>
                <button type="submit" disabled={send.isPending}>
                  {send.isPending ? 'Đang gửi…' : 'Gửi đề nghị'}
                </button>
                <FormError error={send.error} fields={[...FIELDS]} />
              </form>
            )}
          </>
        )}
      </section>
    </main>
  );
}

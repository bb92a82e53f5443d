/** How the API's refusals are shown: the message where the action was, each field's reasons under it. */
import type { ReactNode } from 'react';
import { ApiError, asRecords, asText } from '../api/errors';
import { FIELD_NAMES } from '../labels';

/** What went wrong, in words: the error's message, or (something thrown that is not an Error) the thing itself when it is text. */
function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'Lỗi hệ thống. Vui lòng thử lại sau.';
}

/** The API's messages for one field, shown under it. */
export function FieldError({ error, field }: { error: unknown; field: string }) {
  if (!(error instanceof ApiError)) return null;
  const messages = error.fieldErrors[field];
  if (!messages?.length) return null;
  return (
    <div className="field-error" role="alert" data-field={field}>
      {messages.join('; ')}
    </div>
  );
}

/** A labelled input with an optional hint and the API's reasons for its field under it. */
export function Field(props: { label: string; field: string; error: unknown; hint?: ReactNode; wide?: boolean; children: ReactNode }) {
  return (
    <label className={props.wide ? 'wide' : undefined}>
      {props.label}
      {props.children}
      {props.hint && <small className="muted">{props.hint}</small>}
      <FieldError error={props.error} field={props.field} />
    </label>
  );
}

/**
 * The refusal as a whole: its message, plus the field reasons no input on the form shows (listed by
 * field name). `fields` are the inputs that show their own reasons.
 */
export function FormError({ error, fields = [] }: { error: unknown; fields?: string[] }) {
  if (!error) return null;
  if (!(error instanceof ApiError))
    return (
      <div className="form-error" role="alert">
        {messageOf(error)}
      </div>
    );
  const others = Object.entries(error.fieldErrors).filter(([field]) => !fields.includes(field));
  return (
    <div className="form-error" role="alert" data-code={error.code}>
      {error.message}
      <BlockingItems error={error} />
      {others.length > 0 && (
        <ul>
          {others.map(([field, messages]) => (
            <li key={field}>
              {FIELD_NAMES[field] ?? field}: {messages.join('; ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A refusal that names what blocks it lists them (issue 18): a reschedule refused because programme
 * items fall outside the new hours (`PROGRAMME_OUTSIDE_HOURS`, details.items) shows each item and its hours.
 */
function BlockingItems({ error }: { error: ApiError }) {
  if (error.code !== 'PROGRAMME_OUTSIDE_HOURS') return null;
  const items = asRecords(error.detail('items'));
  if (items.length === 0) return null;
  return (
    <ul data-testid="blocking-items">
      {items.map((item, index) => (
        <li key={asText(item.id) ?? index}>
          {asText(item.startTime)}–{asText(item.endTime)}: {asText(item.title)}
        </li>
      ))}
    </ul>
  );
}

/** A page that could not load (403 outside one's province, 404…). */
export function ErrorPanel({ error }: { error: unknown }) {
  const status = error instanceof ApiError ? error.status : 0;
  const title = status === 403 ? 'Không có quyền truy cập' : status === 404 ? 'Không tìm thấy' : 'Không tải được dữ liệu';
  return (
    <section className="panel error-panel" role="alert">
      <h2>{title}</h2>
      <p>{messageOf(error)}</p>
    </section>
  );
}

export function Loading({ what = 'dữ liệu' }: { what?: string }) {
  return (
    <div className="loading" aria-busy="true">
      Đang tải {what}…
    </div>
  );
}

/** A long operation under way: a bar when the total is known, otherwise an indeterminate one. */
export function Progress({ label, value, max }: { label: string; value?: number; max?: number }) {
  return (
    <div className="progress" role="status">
      <progress value={value} max={max} />
      <span>{label}</span>
    </div>
  );
}

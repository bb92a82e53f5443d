/**
 * Festival editions (central planners, `/dot-to-chuc`): every edition, a new one, and the edition
 * chosen in the header — its theme and window, its status moved one step forward, its reminder policy,
 * its giấy mời (letterhead, number code, signer).
 * The API decides (window rules, venues already scheduled outside a narrowed window, stale versions);
 * the page shows each refusal where the action was and keeps what was typed.
 */
import { FormEvent, useState } from 'react';
import { QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { client, data } from '../api/client';
import { ApiError, asRecords, asText } from '../api/errors';
import { ErrorPanel, Field, FormError, Loading } from '../components/errors';
import { DateField } from '../components/DateField';
import { isStale, ReloadButton } from '../components/ReloadButton';
import { LetterSettingsSection } from './LetterSettingsSection';
import { ReminderPolicySection } from './ReminderPolicySection';
import { changedFields, date, dateText, formatDate, read, whole } from '../input';
import { windowLimits } from './edition-window';
import { EditionStatus, NEXT_EDITION_STATUS } from '@shared/editions/src/edition-status';
import { is } from '../codes';
import { editionStatusName } from '../labels';
import { useEdition, useEditions } from '../session';
import type { Edition } from '../api/models';

interface EditionDraft {
  year: string;
  theme: string;
  /** dd/mm/yyyy as typed. */
  windowStart: string;
  windowEnd: string;
  nationalDay: string;
}

const EDITION_FIELDS: Array<keyof EditionDraft> = ['year', 'theme', 'windowStart', 'windowEnd', 'nationalDay'];

const draftOf = (edition: Edition): EditionDraft => ({
  year: String(edition.year),
  theme: edition.theme,
  windowStart: dateText(edition.windowStart),
  windowEnd: dateText(edition.windowEnd),
  nationalDay: dateText(edition.nationalDay),
});

/** Puts the API's answer in the cached list at once (the header and the other sections read it), then refetches it. */
function remember(queryClient: QueryClient, saved: Edition): void {
  queryClient.setQueryData<Edition[]>(['editions'], (list) => (list ? [...list.filter((item) => item.id !== saved.id), saved] : list));
  void queryClient.invalidateQueries({ queryKey: ['editions'] });
  void queryClient.invalidateQueries({ queryKey: ['audit'] });
}

export function EditionsPage() {
  const editionsQuery = useEditions();
  const { edition, editions, choose, isLoading } = useEdition();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Edition | null>(null);
  if (editionsQuery.error) return <ErrorPanel error={editionsQuery.error} />;
  if (isLoading) return <Loading what="đợt tổ chức" />;
  const nextYear = editions.length > 0 ? editions[0].year + 1 : new Date().getFullYear() + 1;

  return (
    <div className="editions-page">
      <section className="panel">
        <div className="title-row">
          <h1>Đợt tổ chức</h1>
          {!creating && (
            <button
              type="button"
              onClick={() => {
                setCreated(null);
                setCreating(true);
              }}
            >
              Tạo đợt mới
            </button>
          )}
        </div>
        <p className="muted">
          Mỗi năm một đợt Ngày hội toàn dân bảo vệ an ninh Tổ quốc: chủ đề, thời gian tổ chức (các điểm chọn ngày trong khoảng này) và ngày hội toàn quốc 19/8.
          Đợt đi lần lượt từ lập kế hoạch, mời đại biểu, diễn ra đến kết thúc, không quay lại. Đợt đang chọn ở đầu trang được hiện chi tiết bên dưới.
        </p>
        {creating && (
          <CreateEdition
            year={nextYear}
            onCancel={() => setCreating(false)}
            onCreated={(saved) => {
              setCreating(false);
              setCreated(saved);
              choose(saved.id);
            }}
          />
        )}
        {created && (
          <p className="ok" role="status">
            Đã tạo đợt năm {created.year} và chọn đợt này ở đầu trang.
          </p>
        )}
        <table className="grid" data-testid="editions-table">
          <thead>
            <tr>
              <th>Năm</th>
              <th>Chủ đề</th>
              <th>Thời gian tổ chức</th>
              <th>Ngày hội toàn quốc</th>
              <th>Trạng thái</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {editions.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  Chưa có đợt tổ chức nào.
                </td>
              </tr>
            )}
            {editions.map((item) => (
              <tr key={item.id} className={item.id === edition?.id ? 'selected' : undefined} aria-label={`Năm ${item.year}`} data-testid="edition-row">
                <td>{item.year}</td>
                <td>{item.theme}</td>
                <td className="nowrap">
                  {formatDate(item.windowStart)} – {formatDate(item.windowEnd)}
                </td>
                <td>{formatDate(item.nationalDay)}</td>
                <td>
                  <span className={`tag edition-${item.status}`}>{editionStatusName(item.status)}</span>
                </td>
                <td className="row-actions">
                  {item.id === edition?.id ? (
                    <span className="muted">Đang chọn</span>
                  ) : (
                    <button type="button" className="link" onClick={() => choose(item.id)}>
                      Chọn đợt năm {item.year}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {edition && <EditionDetails key={edition.id} edition={edition} />}
      {edition && <ReminderPolicySection key={`policy-${edition.id}`} edition={edition} />}
      {edition && <LetterSettingsSection key={`letter-${edition.id}`} edition={edition} />}
    </div>
  );
}

function CreateEdition({ year, onCancel, onCreated }: { year: number; onCancel: () => void; onCreated: (saved: Edition) => void }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<EditionDraft>({ year: String(year), theme: '', windowStart: '', windowEnd: '', nationalDay: '' });
  const create = useMutation({
    mutationFn: (current: EditionDraft) =>
      // Dates left empty are left out: the API takes 1 July – 19 August of the year.
      data(
        client.POST('/api/editions', {
          body: read({
            year: whole(current.year, { required: true }),
            theme: current.theme.trim(),
            windowStart: date(current.windowStart),
            windowEnd: date(current.windowEnd),
            nationalDay: date(current.nationalDay),
          }),
        }),
      ),
    onSuccess: (saved) => {
      remember(queryClient, saved);
      onCreated(saved);
    },
  });
  const set = (field: keyof EditionDraft) => (event: { target: { value: string } }) => setDraft({ ...draft, [field]: event.target.value });
  const setText = (field: keyof EditionDraft) => (value: string) => setDraft({ ...draft, [field]: value });
  const ofYear = /^\s*\d{4}\s*$/.test(draft.year) ? `/${draft.year.trim()}` : '';
  const error = create.error;

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(draft);
  }

  return (
    <form className="inline-form edition-form" onSubmit={submit} noValidate aria-label="Tạo đợt tổ chức mới">
      <h2>Tạo đợt tổ chức mới</h2>
      <div className="fields">
        <Field label="Năm" field="year" error={error}>
          <input name="year" inputMode="numeric" value={draft.year} onChange={set('year')} size={6} />
        </Field>
        <Field label="Chủ đề" field="theme" error={error} wide>
          <input name="theme" value={draft.theme} onChange={set('theme')} placeholder="Ví dụ: Toàn dân chung sức bảo vệ an ninh Tổ quốc" />
        </Field>
      </div>
      <EditionWindowFields
        draft={draft}
        onChange={setText}
        error={error}
        hints={{
          windowStart: `dd/mm/yyyy; để trống: 01/07${ofYear}`,
          windowEnd: `dd/mm/yyyy; để trống: 19/08${ofYear}`,
          nationalDay: `dd/mm/yyyy; để trống: 19/08${ofYear}`,
        }}
      />
      <FormError error={error} fields={EDITION_FIELDS} />
      <div className="buttons">
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Đang tạo…' : 'Tạo đợt'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Bỏ qua
        </button>
      </div>
    </form>
  );
}

/** The edition's window and national day, on the create and the edit form alike: each calendar limited to what the others allow. */
function EditionWindowFields({
  draft,
  onChange,
  error,
  hints,
}: {
  draft: EditionDraft;
  onChange: (field: keyof EditionDraft) => (value: string) => void;
  error: unknown;
  hints: Record<'windowStart' | 'windowEnd' | 'nationalDay', string>;
}) {
  const limits = windowLimits(draft.year, draft.windowStart, draft.windowEnd);
  const fields = [
    ['windowStart', 'Ngày bắt đầu'],
    ['windowEnd', 'Ngày kết thúc'],
    ['nationalDay', 'Ngày hội toàn quốc'],
  ] as const;
  return (
    <div className="fields">
      {fields.map(([field, label]) => (
        <Field key={field} label={label} field={field} error={error} hint={hints[field]}>
          <DateField label={label} name={field} value={draft[field]} onChange={onChange(field)} size={12} {...limits[field]} />
        </Field>
      ))}
    </div>
  );
}

/** The edition chosen in the header: what it is, editing it, and its next status. */
function EditionDetails({ edition }: { edition: Edition }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <section className="panel edition-details" aria-label="Đợt đang chọn" data-testid="edition-details">
      <div className="title-row">
        <h2>
          Đợt năm {edition.year}: {edition.theme}
        </h2>
        <span className={`tag edition-${edition.status}`} data-testid="edition-status">
          {editionStatusName(edition.status)}
        </span>
      </div>
      <dl className="details">
        <dt>Thời gian tổ chức</dt>
        <dd data-testid="edition-window">
          {formatDate(edition.windowStart)} – {formatDate(edition.windowEnd)}
        </dd>
        <dt>Ngày hội toàn quốc</dt>
        <dd>{formatDate(edition.nationalDay)}</dd>
      </dl>
      {editing ? (
        <EditEdition
          edition={edition}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
          }}
        />
      ) : (
        <div className="buttons">
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            Sửa thông tin đợt
          </button>
          {saved && (
            <span className="ok" role="status">
              Đã lưu thông tin đợt.
            </span>
          )}
        </div>
      )}
      <StatusSteps edition={edition} />
    </section>
  );
}

/**
 * Theme, window and national day. The version edited is the one the form opened with: a change made
 * meanwhile is refused (409) and offered to reload, never overwritten. Only what changed is sent.
 */
function EditEdition({ edition, onCancel, onSaved }: { edition: Edition; onCancel: () => void; onSaved: () => void }) {
  const queryClient = useQueryClient();
  const [base, setBase] = useState(edition);
  const [draft, setDraft] = useState(() => draftOf(edition));
  const save = useMutation({
    mutationFn: (current: EditionDraft) => {
      const typed = read({
        theme: current.theme.trim(),
        windowStart: date(current.windowStart, { required: true }),
        windowEnd: date(current.windowEnd, { required: true }),
        nationalDay: date(current.nationalDay, { required: true }),
      });
      // Only what changed: "1/8/2030" for "01/08/2030" is no change, nothing to send, nothing to audit.
      const changes = changedFields(typed, base);
      if (Object.keys(changes).length === 0) return Promise.resolve(base);
      return data(client.PATCH('/api/editions/{id}', { params: { path: { id: base.id } }, body: { ...changes, version: base.version } }));
    },
    onSuccess: (saved) => {
      remember(queryClient, saved);
      onSaved();
    },
  });
  const reload = useMutation({
    mutationFn: () => data(client.GET('/api/editions/{id}', { params: { path: { id: base.id } } })),
    onSuccess: (fresh) => {
      remember(queryClient, fresh);
      setBase(fresh);
      setDraft(draftOf(fresh));
      save.reset();
    },
  });
  const set = (field: keyof EditionDraft) => (event: { target: { value: string } }) => setDraft({ ...draft, [field]: event.target.value });
  const setText = (field: keyof EditionDraft) => (value: string) => setDraft({ ...draft, [field]: value });
  const changed = JSON.stringify(draft) !== JSON.stringify(draftOf(base));
  const error = save.error;
  // The scheduled venues the narrower window would leave out, as the refusal names them.
  const stranded =
    error instanceof ApiError && error.code === 'VENUES_OUTSIDE_WINDOW'
      ? asRecords(error.detail('venues')).map((venue) => ({ id: asText(venue.id) ?? '', name: asText(venue.name) ?? '', date: asText(venue.date) }))
      : [];

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(draft);
  }

  return (
    <form className="inline-form edition-form" onSubmit={submit} noValidate aria-label="Sửa thông tin đợt">
      <div className="fields">
        <Field label="Chủ đề" field="theme" error={error} wide>
          <input name="theme" value={draft.theme} onChange={set('theme')} />
        </Field>
      </div>
      <EditionWindowFields
        draft={draft}
        onChange={setText}
        error={error}
        hints={{ windowStart: 'dd/mm/yyyy', windowEnd: 'dd/mm/yyyy', nationalDay: 'dd/mm/yyyy, trong thời gian tổ chức' }}
      />
      <small className="muted">Thu hẹp thời gian tổ chức không được để điểm nào đã xếp lịch nằm ngoài khoảng mới.</small>
      <FormError error={error} fields={EDITION_FIELDS} />
      {stranded.length > 0 && (
        <ul className="stranded" data-testid="venues-outside-window" aria-label="Điểm đã xếp lịch ngoài thời gian mới">
          {stranded.map((venue) => (
            <li key={venue.id}>
              <Link to={`/diem/${venue.id}`}>{venue.name}</Link> — {formatDate(venue.date)}
            </li>
          ))}
        </ul>
      )}
      <FormError error={reload.error} />
      <div className="buttons">
        <button type="submit" disabled={save.isPending || !changed}>
          {save.isPending ? 'Đang lưu…' : 'Lưu thay đổi'}
        </button>
        <ReloadButton error={error} busy={reload.isPending} onReload={() => reload.mutate()} />
        <button type="button" className="secondary" onClick={onCancel}>
          Bỏ qua
        </button>
      </div>
    </form>
  );
}

/** The workflow with the edition's place in it, and the one step forward (confirmed first: there is no way back). */
function StatusSteps({ edition }: { edition: Edition }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const next = NEXT_EDITION_STATUS[edition.status];
  const transition = useMutation({
    mutationFn: (to: EditionStatus) =>
      data(client.POST('/api/editions/{id}/transitions', { params: { path: { id: edition.id } }, body: { to, version: edition.version } })),
    onSuccess: (saved) => {
      remember(queryClient, saved);
      setConfirming(false);
    },
  });
  const reload = () => {
    transition.reset();
    setConfirming(false);
    void queryClient.invalidateQueries({ queryKey: ['editions'] });
  };
  const steps = Object.values(EditionStatus);
  const reached = steps.findIndex((step) => is(edition.status, step));

  return (
    <div className="edition-workflow" data-testid="edition-workflow">
      <h3>Trạng thái</h3>
      <ol className="steps">
        {steps.map((step, index) => (
          <li key={step} className={index < reached ? 'done' : index === reached ? 'current' : undefined} aria-current={index === reached ? 'step' : undefined}>
            {editionStatusName(step)}
          </li>
        ))}
      </ol>
      {next === null ? (
        <p className="muted">Đợt đã kết thúc.</p>
      ) : confirming ? (
        <div className="inline-form" role="group" aria-label="Xác nhận chuyển trạng thái">
          <p>
            Chuyển đợt năm {edition.year} sang trạng thái “{editionStatusName(next)}”? Đợt chỉ đi tiếp, không quay lại trạng thái trước.
          </p>
          <div className="buttons">
            <button type="button" disabled={transition.isPending} onClick={() => transition.mutate(next)}>
              {transition.isPending ? 'Đang chuyển…' : `Xác nhận: ${editionStatusName(next).toLocaleLowerCase('vi')}`}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Bỏ qua
            </button>
          </div>
        </div>
      ) : (
        <div className="buttons">
          <button
            type="button"
            onClick={() => {
              transition.reset();
              setConfirming(true);
            }}
          >
            Chuyển sang “{editionStatusName(next)}”
          </button>
        </div>
      )}
      <FormError error={transition.error} />
      {isStale(transition.error) && (
        <div className="buttons">
          <ReloadButton error={transition.error} busy={false} onReload={reload} />
        </div>
      )}
    </div>
  );
}

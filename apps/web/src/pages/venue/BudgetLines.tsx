import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data } from '../../api/client';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorPanel, FieldError, FormError, Loading } from '../../components/errors';
import { changedFields, formatVnd, oneOf, read, vnd, wholeText } from '../../input';
import { BUDGET_CATEGORY_NAMES, BudgetCategory, FUNDING_SOURCE_NAMES, FundingSource } from '@shared/logistics/src/budget/budget.enums';
import { VenueStatus } from '@shared/venues/src/venue.enums';
import { is } from '../../codes';
import { useUser } from '../../session';
import type { BudgetLine, Venue } from '../../api/models';
import { canWriteVenue } from './workflow';

const CATEGORIES = Object.values(BudgetCategory);
const FUNDING_SOURCES = Object.values(FundingSource);

/** A line as typed: codes as the selects hold them, amounts as text. */
interface LineForm {
  category: string;
  description: string;
  planned: string;
  actual: string;
  fundingSource: string;
}

/** The venue's budget lines with totals, each line editable in place, and a form to add one. */
export function BudgetLines({ venue, editable }: { venue: Venue; editable: boolean }) {
  const user = useUser();
  const queryClient = useQueryClient();
  const venueId = venue.id;
  const lines = useQuery({
    queryKey: ['budget', venueId],
    queryFn: () => data(client.GET('/api/venues/{venueId}/budget-lines', { params: { path: { venueId } } })),
  });
  const [form, setForm] = useState<LineForm>({
    category: BudgetCategory.Security,
    description: '',
    planned: '',
    actual: '',
    fundingSource: FundingSource.ProvincialBudget,
  });
  // Every budget query: this venue's lines and the edition's roll-up (the Kinh phí page).
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['budget'] });
  const create = useMutation({
    mutationFn: () =>
      data(
        client.POST('/api/venues/{venueId}/budget-lines', {
          params: { path: { venueId } },
          body: read({
            category: oneOf(form.category, CATEGORIES),
            description: form.description.trim(),
            plannedVnd: vnd(form.planned, { required: true }),
            actualVnd: vnd(form.actual),
            fundingSource: oneOf(form.fundingSource, FUNDING_SOURCES),
          }),
        }),
      ),
    onSuccess: () => {
      setForm({ ...form, description: '', planned: '', actual: '' });
      void refresh();
    },
  });
  const remove = useMutation({
    // With the version read: a line someone changed meanwhile is refused (409), not deleted unseen.
    mutationFn: (line: { id: string; version: number }) =>
      data(client.DELETE('/api/venues/{venueId}/budget-lines/{lineId}', { params: { path: { venueId, lineId: line.id }, query: { version: line.version } } })),
    onSuccess: refresh,
  });
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });
  // Actual costs are mostly settled after the festival: the API keeps a held venue's budget open.
  const writable = editable || (is(venue.status, VenueStatus.Held) && canWriteVenue(user, venue));

  if (lines.error) return <ErrorPanel error={lines.error} />;
  if (!lines.data) return <Loading what="dự toán" />;
  const planned = lines.data.reduce((sum, line) => sum + line.plannedVnd, 0);
  const actual = lines.data.reduce((sum, line) => sum + (line.actualVnd ?? 0), 0);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <div className="budget" data-testid="budget-lines">
      <table className="grid cards">
        <thead>
          <tr>
            <th>Khoản mục</th>
            <th>Nội dung</th>
            <th className="number">Dự toán</th>
            <th className="number">Thực chi</th>
            <th>Nguồn</th>
            {writable && <th />}
          </tr>
        </thead>
        <tbody>
          {lines.data.map((line) => (
            <BudgetRow
              key={`${line.id}-${line.version}`}
              venue={venue}
              line={line}
              editable={writable}
              onSaved={refresh}
              onRemove={() => remove.mutate(line)}
              removing={remove.isPending}
            />
          ))}
          {lines.data.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                Chưa có dòng kinh phí nào.
              </td>
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={2}>Tổng cộng</th>
            <th className="number" data-testid="budget-planned-total">
              {formatVnd(planned)}
            </th>
            <th className="number" data-testid="budget-actual-total">
              {formatVnd(actual)}
            </th>
            <th colSpan={2} />
          </tr>
        </tfoot>
      </table>
      <FormError error={remove.error} />
      {writable && (
        <form className="inline-form budget-form" onSubmit={submit} noValidate aria-label="Thêm dòng kinh phí">
          <div className="fields">
            <label>
              Khoản mục
              <select value={form.category} onChange={set('category')}>
                {CATEGORIES.map((category) => (
                  <option key={category} value={category}>
                    {BUDGET_CATEGORY_NAMES[category]}
                  </option>
                ))}
              </select>
            </label>
            <label className="wide">
              Nội dung
              <input name="description" value={form.description} onChange={set('description')} />
              <FieldError error={create.error} field="description" />
            </label>
            <label>
              Dự toán (đồng)
              <input name="plannedVnd" inputMode="numeric" value={form.planned} onChange={set('planned')} />
              <FieldError error={create.error} field="plannedVnd" />
            </label>
            <label>
              Thực chi (đồng)
              <input name="actualVnd" inputMode="numeric" value={form.actual} onChange={set('actual')} />
              <FieldError error={create.error} field="actualVnd" />
            </label>
            <label>
              Nguồn kinh phí
              <select value={form.fundingSource} onChange={set('fundingSource')}>
                {FUNDING_SOURCES.map((source) => (
                  <option key={source} value={source}>
                    {FUNDING_SOURCE_NAMES[source]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <FormError error={create.error} fields={['description', 'plannedVnd', 'actualVnd']} />
          <button type="submit" disabled={create.isPending}>
            Thêm dòng kinh phí
          </button>
        </form>
      )}
    </div>
  );
}

const LINE_FIELDS = ['category', 'description', 'plannedVnd', 'actualVnd', 'fundingSource'];

/** One line: read-only, or its fields in place after "Sửa"; only what changed is sent, an emptied actual goes back to "not settled". */
function BudgetRow(props: { venue: Venue; line: BudgetLine; editable: boolean; onSaved: () => void; onRemove: () => void; removing: boolean }) {
  const { venue, line, editable } = props;
  const initial = {
    category: line.category,
    description: line.description,
    planned: wholeText(line.plannedVnd),
    actual: wholeText(line.actualVnd),
    fundingSource: line.fundingSource,
  };
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(initial);
  const save = useMutation({
    mutationFn: () => {
      const next = read({
        category: oneOf(draft.category, CATEGORIES),
        description: draft.description.trim(),
        plannedVnd: vnd(draft.planned, { required: true }),
        // An emptied actual goes back to "not settled".
        actualVnd: vnd(draft.actual, { empty: null }),
        fundingSource: oneOf(draft.fundingSource, FUNDING_SOURCES),
      });
      const body = { ...changedFields(next, line), version: line.version };
      return data(client.PATCH('/api/venues/{venueId}/budget-lines/{lineId}', { params: { path: { venueId: venue.id, lineId: line.id } }, body }));
    },
    onSuccess: props.onSaved,
  });
  const set = (field: keyof typeof draft) => (event: { target: { value: string } }) => setDraft({ ...draft, [field]: event.target.value });
  const changed = JSON.stringify(draft) !== JSON.stringify(initial);
  const formId = `budget-line-${line.id}`;
  const label = `Dòng kinh phí ${line.description}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  if (!editing) {
    return (
      <tr data-testid="budget-line" aria-label={label}>
        <td data-label="Khoản mục">{BUDGET_CATEGORY_NAMES[line.category]}</td>
        <td data-label="Nội dung">{line.description}</td>
        <td data-label="Dự toán" className="number">
          {formatVnd(line.plannedVnd)}
        </td>
        <td data-label="Thực chi" className="number">
          {formatVnd(line.actualVnd)}
        </td>
        <td data-label="Nguồn" className="wide-cell">
          {FUNDING_SOURCE_NAMES[line.fundingSource]}
        </td>
        {editable && (
          <td className="row-actions">
            <button type="button" className="link" onClick={() => setEditing(true)}>
              Sửa
            </button>
            <ConfirmButton
              question={`Xóa dòng kinh phí «${line.description}» (dự toán ${formatVnd(line.plannedVnd)})?`}
              onConfirm={props.onRemove}
              disabled={props.removing}
            >
              Xóa
            </ConfirmButton>
          </td>
        )}
      </tr>
    );
  }
  return (
    <>
      <tr className="editing-row" data-testid="budget-line" aria-label={label}>
        <td data-label="Khoản mục" className="wide-cell">
          <select aria-label="Khoản mục" value={draft.category} onChange={set('category')} form={formId}>
            {CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {BUDGET_CATEGORY_NAMES[category]}
              </option>
            ))}
          </select>
        </td>
        <td data-label="Nội dung" className="wide-cell">
          <input aria-label="Nội dung" value={draft.description} onChange={set('description')} form={formId} />
          <FieldError error={save.error} field="description" />
        </td>
        <td data-label="Dự toán" className="number">
          <input aria-label="Dự toán (đồng)" inputMode="numeric" value={draft.planned} onChange={set('planned')} form={formId} />
          <FieldError error={save.error} field="plannedVnd" />
        </td>
        <td data-label="Thực chi" className="number">
          <input aria-label="Thực chi (đồng)" inputMode="numeric" placeholder="chưa quyết toán" value={draft.actual} onChange={set('actual')} form={formId} />
          <FieldError error={save.error} field="actualVnd" />
        </td>
        <td data-label="Nguồn" className="wide-cell">
          <select aria-label="Nguồn kinh phí" value={draft.fundingSource} onChange={set('fundingSource')} form={formId}>
            {FUNDING_SOURCES.map((source) => (
              <option key={source} value={source}>
                {FUNDING_SOURCE_NAMES[source]}
              </option>
            ))}
          </select>
        </td>
        <td className="row-actions">
          <form id={formId} onSubmit={submit} noValidate>
            <button type="submit" disabled={save.isPending || !changed}>
              Lưu
            </button>
          </form>
          <button
            type="button"
            className="link"
            onClick={() => {
              setDraft(initial);
              save.reset();
              setEditing(false);
            }}
          >
            Hủy
          </button>
        </td>
      </tr>
      {save.error ? (
        <tr className="row-error">
          <td colSpan={6}>
            <FormError error={save.error} fields={LINE_FIELDS} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

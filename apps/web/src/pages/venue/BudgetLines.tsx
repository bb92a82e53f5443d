import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get } from '../../api';
import { ErrorPanel, FieldError, FormError, Loading } from '../../components/errors';
import { formatVnd } from '../../format';
import { BUDGET_CATEGORY_NAMES, FUNDING_SOURCE_NAMES } from '../../labels';
import type { BudgetLine, Venue } from '../../types';

/** "45.000.000" or "45000000" → 45000000; anything else goes to the API as typed, so its message shows. */
function amount(text: string): number | string | undefined {
  const compact = text.replace(/[.\s₫]/g, '');
  if (compact === '') return undefined;
  return /^\d+$/.test(compact) ? Number(compact) : text;
}

/** The venue's budget lines with totals, and a form to add one. */
export function BudgetLines({ venue, editable }: { venue: Venue; editable: boolean }) {
  const queryClient = useQueryClient();
  const lines = useQuery({ queryKey: ['budget', venue.id], queryFn: () => get<BudgetLine[]>(`/venues/${venue.id}/budget-lines`) });
  const [form, setForm] = useState({ category: 'security', description: '', planned: '', actual: '', fundingSource: 'provincial_budget' });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['budget', venue.id] });
  const create = useMutation({
    mutationFn: () =>
      api('POST', `/venues/${venue.id}/budget-lines`, {
        category: form.category,
        description: form.description.trim(),
        plannedVnd: amount(form.planned),
        actualVnd: amount(form.actual),
        fundingSource: form.fundingSource,
      }),
    onSuccess: () => {
      setForm({ ...form, description: '', planned: '', actual: '' });
      void refresh();
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => api('DELETE', `/venues/${venue.id}/budget-lines/${id}`), onSuccess: refresh });
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });

  if (lines.error) return <ErrorPanel error={lines.error} />;
  if (!lines.data) return <Loading what="dự toán" />;
  const planned = lines.data.reduce((sum, line) => sum + Number(line.plannedVnd), 0);
  const actual = lines.data.reduce((sum, line) => sum + Number(line.actualVnd ?? 0), 0);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <div className="budget" data-testid="budget-lines">
      <table className="grid">
        <thead>
          <tr>
            <th>Khoản mục</th>
            <th>Nội dung</th>
            <th className="number">Dự toán</th>
            <th className="number">Thực chi</th>
            <th>Nguồn</th>
            {editable && <th />}
          </tr>
        </thead>
        <tbody>
          {lines.data.map((line) => (
            <tr key={line.id}>
              <td>{BUDGET_CATEGORY_NAMES[line.category] ?? line.category}</td>
              <td>{line.description}</td>
              <td className="number">{formatVnd(Number(line.plannedVnd))}</td>
              <td className="number">{line.actualVnd === null ? '—' : formatVnd(Number(line.actualVnd))}</td>
              <td>{FUNDING_SOURCE_NAMES[line.fundingSource] ?? line.fundingSource}</td>
              {editable && (
                <td>
                  <button type="button" className="danger link" onClick={() => remove.mutate(line.id)}>
                    Xóa
                  </button>
                </td>
              )}
            </tr>
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
            <th className="number">{formatVnd(actual)}</th>
            <th colSpan={2} />
          </tr>
        </tfoot>
      </table>
      <FormError error={remove.error} />
      {editable && (
        <form className="inline-form budget-form" onSubmit={submit} noValidate aria-label="Thêm dòng kinh phí">
          <div className="fields">
            <label>
              Khoản mục
              <select value={form.category} onChange={set('category')}>
                {Object.entries(BUDGET_CATEGORY_NAMES).map(([value, name]) => (
                  <option key={value} value={value}>
                    {name}
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
                {Object.entries(FUNDING_SOURCE_NAMES).map(([value, name]) => (
                  <option key={value} value={value}>
                    {name}
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

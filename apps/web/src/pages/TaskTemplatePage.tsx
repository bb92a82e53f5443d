import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data } from '../api/client';
import { ApiError, asText } from '../api/errors';
import { ErrorPanel, FieldError, FormError, Loading } from '../components/errors';
import { read, whole, wholeText } from '../input';
import { useEdition } from '../session';
import type { Edition, TaskTemplate, TaskTemplateLine } from '../api/models';

/**
 * A line being edited. Dependencies point at rows by a key of the editor's own (not by code), so a
 * code can be retyped, a row moved or removed, and what depends on it follows; codes are written
 * only when the template is saved.
 */
interface Row {
  key: string;
  code: string;
  /** A new row takes its code from its title until the planner types one. */
  codeTyped: boolean;
  title: string;
  responsibleUnit: string;
  offsetDays: string;
  weight: string;
  dependsOn: string[];
  fresh: boolean;
}

const ROW_FIELDS = ['code', 'title', 'responsibleUnit', 'offsetDays', 'weight', 'dependsOn'] as const;

let lastKey = 0;
const newKey = () => `dong-${++lastKey}`;

/** "Tổ y tế trực" → "to-y-te-truc" (codes are lowercase ASCII, digits and hyphens). */
function codeOf(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

function toRows(items: TaskTemplateLine[]): Row[] {
  const keys = new Map(items.map((item) => [item.code, newKey()]));
  return items.map((item) => ({
    key: keys.get(item.code)!,
    code: item.code,
    codeTyped: true,
    title: item.title,
    responsibleUnit: item.responsibleUnit,
    offsetDays: wholeText(item.offsetDays),
    weight: wholeText(item.weight),
    dependsOn: item.dependsOn.map((code) => keys.get(code)).filter((key): key is string => !!key),
    fresh: false,
  }));
}

/** The rows as PUT takes them, to be `read` (a number that is not one is refused under its cell). */
function toItems(rows: Row[]) {
  const codes = new Map(rows.map((row) => [row.key, row.code.trim()]));
  return rows.map((row) => ({
    code: row.code.trim(),
    title: row.title.trim(),
    responsibleUnit: row.responsibleUnit.trim(),
    offsetDays: whole(row.offsetDays, { required: true }),
    weight: whole(row.weight, { required: true }),
    dependsOn: row.dependsOn.flatMap((key) => codes.get(key) ?? []),
  }));
}

/** Whether the rows say something else than the template read (rows that cannot be read do). */
function differs(rows: Row[], items: TaskTemplateLine[]): boolean {
  try {
    return JSON.stringify(read(toItems(rows))) !== JSON.stringify(items);
  } catch {
    return true;
  }
}

/** The rows a business refusal is about (a cycle names its line; duplicate codes are found here), to highlight them. */
function rowsRefused(error: unknown, rows: Row[]): Set<string> {
  if (!(error instanceof ApiError)) return new Set();
  if (error.code === 'DEPENDENCY_CYCLE') {
    const code = asText(error.detail('code'));
    return new Set(rows.filter((row) => row.code.trim() === code).map((row) => row.key));
  }
  if (error.code === 'DUPLICATE_CODE') {
    const seen = rows.map((row) => row.code.trim());
    return new Set(rows.filter((row) => seen.indexOf(row.code.trim()) !== seen.lastIndexOf(row.code.trim())).map((row) => row.key));
  }
  return new Set();
}

/** The edition's logistics checklist template (central planners): the tasks every venue gets when approved. */
export function TaskTemplatePage() {
  const { edition, isLoading } = useEdition();
  const template = useQuery({
    queryKey: ['task-template', edition?.id],
    queryFn: () => data(client.GET('/api/editions/{editionId}/task-template', { params: { path: { editionId: edition!.id } } })),
    enabled: !!edition,
  });
  if (!edition) return isLoading ? <Loading what="đợt tổ chức" /> : <section className="panel">Chưa có đợt tổ chức nào.</section>;
  if (template.error) return <ErrorPanel error={template.error} />;
  if (!template.data) return <Loading what="mẫu công việc" />;
  return <TemplateEditor key={edition.id} edition={edition} template={template.data} />;
}

function TemplateEditor({ edition, template }: { edition: Edition; template: TaskTemplate }) {
  const queryClient = useQueryClient();
  const [rows, setRows] = useState(() => toRows(template.items));
  const save = useMutation({
    mutationFn: () =>
      data(
        client.PUT('/api/editions/{editionId}/task-template', {
          params: { path: { editionId: edition.id } },
          body: read({ items: toItems(rows), revision: template.revision }),
        }),
      ),
    onSuccess: (saved) => {
      setRows(toRows(saved.items));
      queryClient.setQueryData(['task-template', edition.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
  const changed = differs(rows, template.items);
  /** After a conflict: the latest copy replaces the rows (the planner's edits are dropped, as the button says). */
  const reload = async () => {
    await queryClient.refetchQueries({ queryKey: ['task-template', edition.id] });
    const latest = queryClient.getQueryData<TaskTemplate>(['task-template', edition.id]);
    if (latest) restructure(toRows(latest.items));
  };
  const refused = rowsRefused(save.error, rows);
  const issues = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const titleOf = (key: string) => {
    const row = rows.find((candidate) => candidate.key === key);
    return row?.title.trim() || row?.code || '(chưa đặt tên)';
  };

  /** Adding, removing or moving rows renumbers them: the last refusal's `items.N.*` would point at the wrong row. */
  const restructure = (next: Row[]) => {
    save.reset();
    setRows(next);
  };
  const edit = (key: string, changes: Partial<Row>) =>
    setRows(
      rows.map((row) => {
        if (row.key !== key) return row;
        const next = { ...row, ...changes };
        if (changes.code !== undefined) next.codeTyped = true;
        if (changes.title !== undefined && !row.codeTyped) next.code = codeOf(changes.title);
        return next;
      }),
    );
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    restructure(next);
  };
  const remove = (key: string) =>
    restructure(rows.filter((row) => row.key !== key).map((row) => ({ ...row, dependsOn: row.dependsOn.filter((other) => other !== key) })));
  const add = () =>
    restructure([
      ...rows,
      { key: newKey(), code: '', codeTyped: false, title: '', responsibleUnit: '', offsetDays: '', weight: '1', dependsOn: [], fresh: true },
    ]);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  const shownFields = rows.flatMap((_, index) => ROW_FIELDS.map((field) => `items.${index}.${field}`));
  return (
    <section className="panel task-template">
      <h1>Mẫu công việc hậu cần</h1>
      <p className="muted">
        Danh mục công việc lập cho mỗi điểm tổ chức khi điểm được phê duyệt, đợt năm {edition.year}. Hạn tính theo số ngày so với ngày tổ chức (−30 là 30 ngày
        trước). Thay đổi áp dụng cho các điểm được phê duyệt từ nay; danh mục của các điểm đã có giữ nguyên.
      </p>
      {template.isDefault && (
        <p className="notice" data-testid="template-default">
          Đợt này đang dùng danh mục mặc định. Khi lưu, danh mục dưới đây trở thành danh mục riêng của đợt.
        </p>
      )}
      <form onSubmit={submit} noValidate aria-label="Mẫu công việc">
        <table className="grid template-table">
          <thead>
            <tr>
              <th>#</th>
              <th>Mã</th>
              <th>Công việc</th>
              <th>Đơn vị chủ trì</th>
              <th className="number">Hạn (ngày)</th>
              <th className="number">Trọng số</th>
              <th>Làm sau các việc</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const field = (name: (typeof ROW_FIELDS)[number]) => `items.${index}.${name}`;
              const hasError = ROW_FIELDS.some((name) => issues[field(name)]);
              const candidates = rows.filter((other) => other.key !== row.key && !row.dependsOn.includes(other.key));
              return (
                <tr
                  key={row.key}
                  className={refused.has(row.key) || hasError ? 'clash' : undefined}
                  data-testid="template-row"
                  aria-label={`Dòng ${index + 1}`}
                >
                  <td className="muted">{index + 1}</td>
                  <td>
                    <input aria-label="Mã" value={row.code} onChange={(event) => edit(row.key, { code: event.target.value })} size={14} />
                    <FieldError error={save.error} field={field('code')} />
                  </td>
                  <td className="wide">
                    <input aria-label="Công việc" autoFocus={row.fresh} value={row.title} onChange={(event) => edit(row.key, { title: event.target.value })} />
                    <FieldError error={save.error} field={field('title')} />
                  </td>
                  <td>
                    <input
                      aria-label="Đơn vị chủ trì"
                      value={row.responsibleUnit}
                      onChange={(event) => edit(row.key, { responsibleUnit: event.target.value })}
                    />
                    <FieldError error={save.error} field={field('responsibleUnit')} />
                  </td>
                  <td className="number">
                    <input
                      aria-label="Số ngày so với ngày tổ chức"
                      inputMode="numeric"
                      placeholder="-7"
                      value={row.offsetDays}
                      onChange={(event) => edit(row.key, { offsetDays: event.target.value })}
                      size={5}
                    />
                    <FieldError error={save.error} field={field('offsetDays')} />
                  </td>
                  <td className="number">
                    <input
                      aria-label="Trọng số"
                      inputMode="numeric"
                      value={row.weight}
                      onChange={(event) => edit(row.key, { weight: event.target.value })}
                      size={3}
                    />
                    <FieldError error={save.error} field={field('weight')} />
                  </td>
                  <td className="deps">
                    {row.dependsOn.length > 0 && (
                      <ul className="chips" aria-label="Làm sau các việc">
                        {row.dependsOn.map((key) => (
                          <li key={key}>
                            {titleOf(key)}
                            <button
                              type="button"
                              className="link danger"
                              aria-label={`Bỏ điều kiện: ${titleOf(key)}`}
                              onClick={() => edit(row.key, { dependsOn: row.dependsOn.filter((other) => other !== key) })}
                            >
                              ×
                            </button>
                          </li>
                        ))}
                      </ul>
                    )}
                    {candidates.length > 0 && (
                      <select
                        aria-label="Thêm việc cần xong trước"
                        value=""
                        onChange={(event) => event.target.value && edit(row.key, { dependsOn: [...row.dependsOn, event.target.value] })}
                      >
                        <option value="">+ Thêm…</option>
                        {candidates.map((other) => (
                          <option key={other.key} value={other.key}>
                            {titleOf(other.key)}
                          </option>
                        ))}
                      </select>
                    )}
                    <FieldError error={save.error} field={field('dependsOn')} />
                  </td>
                  <td className="row-actions">
                    <button type="button" className="link" aria-label={`Chuyển dòng ${index + 1} lên`} disabled={index === 0} onClick={() => move(index, -1)}>
                      ↑
                    </button>
                    <button
                      type="button"
                      className="link"
                      aria-label={`Chuyển dòng ${index + 1} xuống`}
                      disabled={index === rows.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      ↓
                    </button>
                    <button type="button" className="link danger" aria-label={`Xóa dòng ${index + 1}`} onClick={() => remove(row.key)}>
                      Xóa
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <FormError error={save.error} fields={shownFields} />
        {save.error instanceof ApiError && save.error.code === 'VERSION_CONFLICT' && (
          <button type="button" className="secondary" onClick={() => void reload()}>
            Tải lại danh mục mới nhất (bỏ các thay đổi của tôi)
          </button>
        )}
        {save.isSuccess && !changed && (
          <p className="ok" role="status">
            Đã lưu mẫu công việc ({rows.length} công việc).
          </p>
        )}
        <div className="buttons">
          <button type="button" className="secondary" onClick={add}>
            Thêm dòng
          </button>
          <button type="submit" disabled={save.isPending || !changed}>
            {save.isPending ? 'Đang lưu…' : 'Lưu mẫu công việc'}
          </button>
          <button type="button" className="secondary" disabled={!changed} onClick={() => restructure(toRows(template.items))}>
            Hoàn tác thay đổi
          </button>
        </div>
      </form>
    </section>
  );
}

import { FormEvent, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data } from '../../api/client';
import { ApiError, asRecords, asText } from '../../api/errors';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DateField } from '../../components/DateField';
import { ErrorPanel, FieldError, FormError, Loading } from '../../components/errors';
import { changedFields, date, dateText, formatDate, read, text, today, whole } from '../../input';
import { TASK_STATUS_NAMES, TaskStatus } from '@shared/logistics/src/tasks/task.enums';
import type { Task, TaskUpdate, Venue } from '../../api/models';
import { isLive } from './workflow';
import { codeIn, is } from '../../codes';
import { isPlanner, useUser } from '../../session';

/** The board's columns, in the workflow's order. */
const COLUMNS: readonly Task['status'][] = Object.values(TaskStatus);

/** After a write: the venue's tasks, and (when a status, date or weight moved) the readiness pages. */
function useRefresh(venueId: string) {
  const queryClient = useQueryClient();
  return {
    tasks: () => queryClient.invalidateQueries({ queryKey: ['tasks', venueId] }),
    tasksAndReadiness: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: ['tasks', venueId] }), queryClient.invalidateQueries({ queryKey: ['readiness'] })]),
  };
}

/** The unfinished prerequisites the API named when it refused to finish a task, to mark them on the card. */
function pendingPrerequisites(error: unknown): Set<string> {
  if (!(error instanceof ApiError) || error.code !== 'PREREQUISITES_NOT_DONE') return new Set();
  return new Set(asRecords(error.detail('prerequisites')).flatMap((prerequisite) => asText(prerequisite.id) ?? []));
}

/**
 * The venue's logistics checklist as a board: one column per status, owners, deadlines and
 * prerequisites on the cards, each card editable in place; below it, a form to add a task by hand.
 */
export function TasksBoard({ venue, editable }: { venue: Venue; editable: boolean }) {
  const venueId = venue.id;
  const tasks = useQuery({ queryKey: ['tasks', venueId], queryFn: () => data(client.GET('/api/venues/{venueId}/tasks', { params: { path: { venueId } } })) });
  // `?viec=<id>`: the task a reminder or a notification is about, marked and brought into view.
  const [params] = useSearchParams();
  const focused = params.get('viec');
  if (tasks.error) return <ErrorPanel error={tasks.error} />;
  if (!tasks.data) return <Loading what="nhiệm vụ" />;
  // The checklist is made from the template when the venue is approved, and only if it has no task
  // yet: tasks are added by hand once it exists, so an early one cannot stand in for the checklist.
  const canAdd = editable && isLive(venue);
  const byId = new Map(tasks.data.map((task) => [task.id, task]));
  return (
    <>
      {tasks.data.length === 0 ? (
        <p className="muted">Chưa có nhiệm vụ. Danh mục nhiệm vụ hậu cần được lập khi điểm được phê duyệt.</p>
      ) : (
        <div className="board" data-testid="tasks-board">
          {COLUMNS.map((status) => {
            const column = tasks.data.filter((task) => task.status === status);
            return (
              <section key={status} className={`board-column ${status}`} aria-label={TASK_STATUS_NAMES[status]}>
                <h3>
                  {TASK_STATUS_NAMES[status]} <span className="count">{column.length}</span>
                </h3>
                {column.map((task) => (
                  <TaskCard key={`${task.id}-${task.version}`} venue={venue} task={task} editable={editable} byId={byId} focused={task.id === focused} />
                ))}
              </section>
            );
          })}
        </div>
      )}
      {canAdd && <NewTaskForm venue={venue} />}
    </>
  );
}

function TaskCard({ venue, task, editable, byId, focused }: { venue: Venue; task: Task; editable: boolean; byId: Map<string, Task>; focused: boolean }) {
  const refresh = useRefresh(venue.id);
  const card = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focused) card.current?.scrollIntoView({ block: 'center' });
  }, [focused]);
  const planner = isPlanner(useUser());
  const [blocking, setBlocking] = useState(false);
  const [reason, setReason] = useState('');
  const [editing, setEditing] = useState(false);
  const update = useMutation({
    mutationFn: (changes: Omit<TaskUpdate, 'version'>) =>
      data(
        client.PATCH('/api/venues/{venueId}/tasks/{taskId}', {
          params: { path: { venueId: venue.id, taskId: task.id } },
          body: { ...changes, version: task.version },
        }),
      ),
    onSuccess: refresh.tasksAndReadiness,
  });
  const dependency = useMutation({
    mutationFn: ({ prerequisiteId, remove }: { prerequisiteId: string; remove?: boolean }) =>
      remove
        ? data(
            client.DELETE('/api/venues/{venueId}/tasks/{taskId}/dependencies/{prerequisiteId}', {
              params: { path: { venueId: venue.id, taskId: task.id, prerequisiteId } },
            }),
          )
        : data(
            client.POST('/api/venues/{venueId}/tasks/{taskId}/dependencies', {
              params: { path: { venueId: venue.id, taskId: task.id } },
              body: { prerequisiteId },
            }),
          ),
    onMutate: () => update.reset(), // a refusal to finish names prerequisites this change may remove
    onSuccess: refresh.tasks,
  });
  const overdue = !is(task.status, TaskStatus.Done) && task.dueDate !== null && task.dueDate < today();
  const pending = pendingPrerequisites(update.error);
  const candidates = [...byId.values()].filter((other) => other.id !== task.id && !task.prerequisiteIds.includes(other.id));
  return (
    <article
      ref={card}
      className={`card${overdue ? ' overdue' : ''}${focused ? ' focused' : ''}`}
      data-testid="task-card"
      aria-label={task.title}
      aria-current={focused || undefined}
    >
      <strong>{task.title}</strong>
      <dl>
        <dt>Đơn vị</dt>
        <dd>{task.responsibleUnit}</dd>
        <dt>Phụ trách</dt>
        <dd>{task.ownerName ?? 'Chưa giao'}</dd>
        <dt>Hạn</dt>
        <dd>
          {formatDate(task.dueDate)}
          {overdue && <span className="tag late"> quá hạn</span>}
        </dd>
      </dl>
      {task.prerequisiteIds.length > 0 && (
        <div className="prerequisites">
          <small className="muted">Cần xong trước:</small>
          <ul aria-label="Cần xong trước">
            {task.prerequisiteIds.map((id) => {
              const prerequisite = byId.get(id);
              const title = prerequisite?.title ?? id;
              return (
                <li key={id} className={pending.has(id) ? 'pending' : undefined}>
                  <span>{title}</span>
                  {prerequisite && is(prerequisite.status, TaskStatus.Done) && <span className="tag done-tag">đã xong</span>}
                  {/* Only planners take a prerequisite away (the API refuses organizers: they would get round it). */}
                  {editable && planner && (
                    <ConfirmButton
                      aria-label={`Bỏ điều kiện: ${title}`}
                      question={`Bỏ điều kiện «${title}» của việc «${task.title}»?`}
                      detail="Việc này sẽ không còn phải chờ việc kia xong trước."
                      confirmLabel="Bỏ điều kiện"
                      disabled={dependency.isPending}
                      onConfirm={() => dependency.mutate({ prerequisiteId: id, remove: true })}
                    >
                      Bỏ
                    </ConfirmButton>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {task.blockedReason && is(task.status, TaskStatus.Blocked) && <small className="blocked-reason">Vướng: {task.blockedReason}</small>}
      {editable && (
        <div className="card-actions">
          <select
            aria-label={`Chuyển trạng thái: ${task.title}`}
            value=""
            onChange={(event) => {
              const to = codeIn(COLUMNS, event.target.value);
              if (to === undefined) return;
              if (is(to, TaskStatus.Blocked)) setBlocking(true);
              else update.mutate({ status: to });
            }}
            disabled={update.isPending}
          >
            <option value="">Chuyển sang…</option>
            {COLUMNS.filter((status) => status !== task.status).map((status) => (
              <option key={status} value={status}>
                {TASK_STATUS_NAMES[status]}
              </option>
            ))}
          </select>
          <button type="button" className="link" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            Sửa
          </button>
        </div>
      )}
      {editable && candidates.length > 0 && (
        <select
          className="add-prerequisite"
          aria-label={`Thêm việc cần xong trước: ${task.title}`}
          value=""
          disabled={dependency.isPending}
          onChange={(event) => event.target.value && dependency.mutate({ prerequisiteId: event.target.value })}
        >
          <option value="">+ Thêm việc cần xong trước…</option>
          {candidates.map((other) => (
            <option key={other.id} value={other.id}>
              {other.title}
            </option>
          ))}
        </select>
      )}
      <FormError error={dependency.error} />
      {blocking && (
        <form
          className="inline-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            update.mutate({ status: TaskStatus.Blocked, blockedReason: reason.trim() });
          }}
        >
          <label>
            Lý do vướng
            <input value={reason} onChange={(event) => setReason(event.target.value)} />
            <FieldError error={update.error} field="blockedReason" />
          </label>
          <button type="submit">Xác nhận</button>
        </form>
      )}
      <FormError error={update.error} fields={['blockedReason']} />
      {editing && <TaskEditForm venue={venue} task={task} onSaved={refresh.tasksAndReadiness} />}
    </article>
  );
}

const EDIT_FIELDS = ['title', 'responsibleUnit', 'ownerName', 'dueDate'];

/** Title, unit, owner and deadline of one task; only what changed is sent (a date typed by hand stops following the venue). */
function TaskEditForm({ venue, task, onSaved }: { venue: Venue; task: Task; onSaved: () => void }) {
  const initial = { title: task.title, responsibleUnit: task.responsibleUnit, ownerName: task.ownerName ?? '', dueDate: dateText(task.dueDate) };
  const [draft, setDraft] = useState(initial);
  const save = useMutation({
    mutationFn: () => {
      // An emptied owner or deadline is cleared (null).
      const next = read({
        title: draft.title.trim(),
        responsibleUnit: draft.responsibleUnit.trim(),
        ownerName: text(draft.ownerName, { empty: null }),
        dueDate: date(draft.dueDate, { empty: null }),
      });
      const body = { ...changedFields(next, task), version: task.version };
      return data(client.PATCH('/api/venues/{venueId}/tasks/{taskId}', { params: { path: { venueId: venue.id, taskId: task.id } }, body }));
    },
    onSuccess: onSaved,
  });
  const set = (field: keyof typeof draft) => (event: { target: { value: string } }) => setDraft({ ...draft, [field]: event.target.value });
  const changed = JSON.stringify(draft) !== JSON.stringify(initial);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label={`Sửa công việc: ${task.title}`}>
      <label>
        Tên công việc
        <input value={draft.title} onChange={set('title')} />
        <FieldError error={save.error} field="title" />
      </label>
      <label>
        Đơn vị chủ trì
        <input value={draft.responsibleUnit} onChange={set('responsibleUnit')} />
        <FieldError error={save.error} field="responsibleUnit" />
      </label>
      <label>
        Người phụ trách
        <input value={draft.ownerName} onChange={set('ownerName')} />
        <FieldError error={save.error} field="ownerName" />
      </label>
      <label>
        Hạn (dd/mm/yyyy)
        <DateField label="Hạn" value={draft.dueDate} onChange={(value) => setDraft({ ...draft, dueDate: value })} month={venue.scheduledDate ?? undefined} />
        <FieldError error={save.error} field="dueDate" />
      </label>
      <FormError error={save.error} fields={EDIT_FIELDS} />
      <button type="submit" disabled={save.isPending || !changed}>
        Lưu
      </button>
    </form>
  );
}

const NEW_TASK_FIELDS = ['title', 'responsibleUnit', 'ownerName', 'dueDate', 'offsetDays', 'weight'];
const blankTask = { title: '', responsibleUnit: '', ownerName: '', dueDate: '', offsetDays: '', weight: '1' };

/** A task added by hand: a fixed deadline, or one counted from the venue date (which then follows the venue). */
function NewTaskForm({ venue }: { venue: Venue }) {
  const refresh = useRefresh(venue.id);
  const [draft, setDraft] = useState(blankTask);
  const create = useMutation({
    mutationFn: () =>
      data(
        client.POST('/api/venues/{venueId}/tasks', {
          params: { path: { venueId: venue.id } },
          body: read({
            title: draft.title.trim(),
            responsibleUnit: draft.responsibleUnit.trim(),
            ownerName: draft.ownerName.trim() || undefined,
            // A fixed deadline, or one counted from the venue date.
            ...(draft.dueDate.trim() ? { dueDate: date(draft.dueDate) } : { offsetDays: whole(draft.offsetDays) }),
            weight: whole(draft.weight, { required: true }),
          }),
        }),
      ),
    onSuccess: () => {
      setDraft(blankTask);
      void refresh.tasksAndReadiness();
    },
  });
  const set = (field: keyof typeof draft) => (event: { target: { value: string } }) => setDraft({ ...draft, [field]: event.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <form className="inline-form new-task" onSubmit={submit} noValidate aria-label="Thêm công việc">
      <h3>Thêm công việc</h3>
      <div className="fields">
        <label className="wide">
          Tên công việc
          <input name="title" value={draft.title} onChange={set('title')} />
          <FieldError error={create.error} field="title" />
        </label>
        <label>
          Đơn vị chủ trì
          <input name="responsibleUnit" value={draft.responsibleUnit} onChange={set('responsibleUnit')} />
          <FieldError error={create.error} field="responsibleUnit" />
        </label>
        <label>
          Người phụ trách
          <input name="ownerName" value={draft.ownerName} onChange={set('ownerName')} />
          <FieldError error={create.error} field="ownerName" />
        </label>
        <label>
          Hạn (dd/mm/yyyy)
          <DateField
            label="Hạn"
            name="dueDate"
            value={draft.dueDate}
            onChange={(value) => setDraft({ ...draft, dueDate: value })}
            month={venue.scheduledDate ?? undefined}
          />
          <FieldError error={create.error} field="dueDate" />
        </label>
        <label>
          Hoặc số ngày so với ngày tổ chức
          <input name="offsetDays" inputMode="numeric" placeholder="-7" value={draft.offsetDays} onChange={set('offsetDays')} size={6} />
          <FieldError error={create.error} field="offsetDays" />
        </label>
        <label>
          Trọng số
          <input name="weight" inputMode="numeric" value={draft.weight} onChange={set('weight')} size={4} />
          <FieldError error={create.error} field="weight" />
        </label>
      </div>
      <small className="muted">Hạn tính theo số ngày (−7 là 7 ngày trước ngày tổ chức) sẽ tự dời khi điểm đổi lịch; hạn nhập theo ngày thì giữ nguyên.</small>
      <FormError error={create.error} fields={NEW_TASK_FIELDS} />
      <div className="buttons">
        <button type="submit" disabled={create.isPending}>
          Thêm công việc
        </button>
      </div>
    </form>
  );
}

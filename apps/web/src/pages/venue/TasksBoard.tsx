import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get } from '../../api';
import { ErrorPanel, FieldError, FormError, Loading } from '../../components/errors';
import { formatDate } from '../../format';
import { TASK_STATUS_NAMES } from '../../labels';
import type { Task, TaskStatus, Venue } from '../../types';

const COLUMNS: TaskStatus[] = ['todo', 'in_progress', 'blocked', 'done'];

/** Today in Asia/Ho_Chi_Minh as YYYY-MM-DD (for "overdue"). */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

/** The venue's logistics checklist as a board: one column per status, owners and deadlines on the cards. */
export function TasksBoard({ venue, editable }: { venue: Venue; editable: boolean }) {
  const tasks = useQuery({ queryKey: ['tasks', venue.id], queryFn: () => get<Task[]>(`/venues/${venue.id}/tasks`) });
  if (tasks.error) return <ErrorPanel error={tasks.error} />;
  if (!tasks.data) return <Loading what="nhiệm vụ" />;
  if (tasks.data.length === 0) return <p className="muted">Chưa có nhiệm vụ. Danh mục nhiệm vụ hậu cần được lập khi điểm được phê duyệt.</p>;
  const titles = new Map(tasks.data.map((task) => [task.id, task.title]));
  return (
    <div className="board" data-testid="tasks-board">
      {COLUMNS.map((status) => {
        const column = tasks.data.filter((task) => task.status === status);
        return (
          <section key={status} className={`board-column ${status}`} aria-label={TASK_STATUS_NAMES[status]}>
            <h3>
              {TASK_STATUS_NAMES[status]} <span className="count">{column.length}</span>
            </h3>
            {column.map((task) => (
              <TaskCard key={`${task.id}-${task.version}`} venue={venue} task={task} editable={editable} titles={titles} />
            ))}
          </section>
        );
      })}
    </div>
  );
}

function TaskCard({ venue, task, editable, titles }: { venue: Venue; task: Task; editable: boolean; titles: Map<string, string> }) {
  const queryClient = useQueryClient();
  const [blocking, setBlocking] = useState(false);
  const [reason, setReason] = useState('');
  const [owner, setOwner] = useState(task.ownerName ?? '');
  const [editingOwner, setEditingOwner] = useState(false);
  const update = useMutation({
    mutationFn: (changes: Record<string, unknown>) => api<Task>('PATCH', `/venues/${venue.id}/tasks/${task.id}`, { version: task.version, ...changes }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['tasks', venue.id] });
      void queryClient.invalidateQueries({ queryKey: ['readiness'] });
    },
  });
  const overdue = task.status !== 'done' && task.dueDate !== null && task.dueDate < today();
  return (
    <article className={`card${overdue ? ' overdue' : ''}`} data-testid="task-card" aria-label={task.title}>
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
      {task.prerequisiteIds.length > 0 && <small className="muted">Cần xong trước: {task.prerequisiteIds.map((id) => titles.get(id) ?? id).join(', ')}</small>}
      {task.blockedReason && task.status === 'blocked' && <small className="blocked-reason">Vướng: {task.blockedReason}</small>}
      {editable && (
        <div className="card-actions">
          <select
            aria-label={`Chuyển trạng thái: ${task.title}`}
            value=""
            onChange={(event) => {
              const to = event.target.value as TaskStatus;
              if (to === 'blocked') setBlocking(true);
              else if (to) update.mutate({ status: to });
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
          <button type="button" className="link" onClick={() => setEditingOwner(!editingOwner)}>
            Giao việc
          </button>
        </div>
      )}
      {blocking && (
        <form
          className="inline-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            update.mutate({ status: 'blocked', blockedReason: reason.trim() });
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
      {editingOwner && (
        <form
          className="inline-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            update.mutate({ ownerName: owner.trim() });
          }}
        >
          <label>
            Người phụ trách
            <input value={owner} onChange={(event) => setOwner(event.target.value)} />
            <FieldError error={update.error} field="ownerName" />
          </label>
          <button type="submit">Lưu</button>
        </form>
      )}
      <FormError error={update.error} fields={['blockedReason', 'ownerName']} />
    </article>
  );
}

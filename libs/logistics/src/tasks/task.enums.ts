/**
 * A venue task's codes and their Vietnamese names. Pure (no decorators, no Node imports): the console
 * imports it as `@shared/logistics/src/tasks/task.enums`.
 */

export enum TaskStatus {
  Todo = 'todo',
  InProgress = 'in_progress',
  Blocked = 'blocked',
  Done = 'done',
}

/** As the task board's columns and the organizers' reminder e-mails name them (one list for both). */
export const TASK_STATUS_NAMES: Record<TaskStatus, string> = {
  [TaskStatus.Todo]: 'Cần làm',
  [TaskStatus.InProgress]: 'Đang làm',
  [TaskStatus.Blocked]: 'Bị vướng',
  [TaskStatus.Done]: 'Đã xong',
};

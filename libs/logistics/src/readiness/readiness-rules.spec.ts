import { TaskStatus } from '../tasks/task.enums';
import { classifyReadiness, readinessOf } from './readiness-rules';

describe('readiness', () => {
  const task = (status: TaskStatus, dueDate: string | null, weight = 1) => ({ status, dueDate, weight });

  it('is on track with nothing overdue or blocked, weighting the share done', () => {
    const readiness = readinessOf([task(TaskStatus.Done, '2027-07-01', 3), task(TaskStatus.Todo, '2027-08-10')], '2027-08-19', '2027-08-01');
    expect(readiness).toEqual({ doneShare: 0.75, tasks: 2, overdue: 0, blocked: 0, status: 'on_track' });
  });

  it('is at risk with a task just past its deadline or a blocked one', () => {
    expect(readinessOf([task(TaskStatus.InProgress, '2027-07-30')], '2027-08-19', '2027-08-01').status).toBe('at_risk');
    expect(readinessOf([task(TaskStatus.Blocked, '2027-08-10')], '2027-08-19', '2027-08-01').status).toBe('at_risk');
  });

  it('is late with a task more than 3 days overdue, or 3 days before the festival under 90% done', () => {
    expect(readinessOf([task(TaskStatus.Todo, '2027-07-28')], '2027-08-19', '2027-08-01').status).toBe('late');
    expect(readinessOf([task(TaskStatus.Todo, '2027-07-29')], '2027-08-19', '2027-08-01').status).toBe('at_risk');
    const nearlyThere = [...Array(9).fill(task(TaskStatus.Done, '2027-08-01')), task(TaskStatus.Todo, '2027-08-18')];
    expect(readinessOf(nearlyThere, '2027-08-19', '2027-08-16').status).toBe('on_track'); // 90% done
    expect(readinessOf(nearlyThere.slice(1), '2027-08-19', '2027-08-16').status).toBe('late'); // 8/9 < 90%
  });

  it('treats a venue without tasks as done and without a date as far away', () => {
    expect(classifyReadiness({ totalWeight: 0, doneWeight: 0, tasks: 0, overdue: 0, longOverdue: 0, blocked: 0, venueDate: null }, '2027-08-01')).toEqual({
      doneShare: 1,
      tasks: 0,
      overdue: 0,
      blocked: 0,
      status: 'on_track',
    });
  });
});

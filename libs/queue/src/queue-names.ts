/**
 * Every queue and every job of ngayhoi, and the payload each job carries. Payloads carry ids, never
 * state: the processor reloads the row and returns early if the state has moved on.
 * A job name without a handler makes the worker refuse to start (see the worker app).
 */
export enum QueueName {
  Mail = 'mail',
  Reminders = 'reminders',
  /** Solver runs too large to answer in a request (seconds to tens of seconds each). */
  Planning = 'planning',
}

export enum JobName {
  /** Send one recorded invitation message (REQUEST or CANCEL) of one invitation. */
  SendInvitationMessage = 'send-invitation-message',
  /** Re-enqueue invitation messages still pending in Postgres (Redis lost them, or the API could not reach it). */
  ReconcileInvitationMessages = 'reconcile-invitation-messages',
  /** Fire one reminder (a delayed job pointing at a reminder row and its revision). */
  FireReminder = 'fire-reminder',
  /** Re-enqueue pending reminders Redis lost; mark those past the grace window missed. */
  ReconcileReminders = 'reconcile-reminders',
  /** Solve one queued planning run (a planning_runs row), recording its progress. */
  SolvePlanningRun = 'solve-planning-run',
}

/** JobName → payload. A job enqueued with the wrong payload does not compile. */
export interface JobPayloads {
  [JobName.SendInvitationMessage]: { messageId: string };
  [JobName.ReconcileInvitationMessages]: Record<string, never>;
  /** `dueAt` (epoch ms) only sets the delay; the handler trusts the row, not the payload. */
  [JobName.FireReminder]: { reminderId: string; revision: number; dueAt: number };
  [JobName.ReconcileReminders]: Record<string, never>;
  [JobName.SolvePlanningRun]: { runId: string };
}

/** The queue each job goes to. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.SendInvitationMessage]: QueueName.Mail,
  [JobName.ReconcileInvitationMessages]: QueueName.Mail,
  [JobName.FireReminder]: QueueName.Reminders,
  [JobName.ReconcileReminders]: QueueName.Reminders,
  [JobName.SolvePlanningRun]: QueueName.Planning,
};

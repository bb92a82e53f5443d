/**
 * Every queue and every job of ngayhoi, and the payload each job carries. Payloads carry ids, never
 * state: the processor reloads the row and returns early if the state has moved on.
 * A job name without a handler makes the worker refuse to start (see the worker app).
 */
export enum QueueName {
  Mail = 'mail',
}

export enum JobName {
  /** Send one recorded invitation message (REQUEST or CANCEL) of one invitation. */
  SendInvitationMessage = 'send-invitation-message',
  /** Re-enqueue invitation messages still pending in Postgres (Redis lost them, or the API could not reach it). */
  ReconcileInvitationMessages = 'reconcile-invitation-messages',
}

/** JobName → payload. A job enqueued with the wrong payload does not compile. */
export interface JobPayloads {
  [JobName.SendInvitationMessage]: { messageId: string };
  [JobName.ReconcileInvitationMessages]: Record<string, never>;
}

/** The queue each job goes to. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.SendInvitationMessage]: QueueName.Mail,
  [JobName.ReconcileInvitationMessages]: QueueName.Mail,
};

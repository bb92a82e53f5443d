/**
 * Every queue and every job of ngayhoi, and the payload each job carries. Payloads carry ids, never
 * state: the processor reloads the row and returns early if the state has moved on.
 * A job name without a handler makes the worker refuse to start (see the worker app).
 */
export enum QueueName {}

export enum JobName {}

/** JobName → payload. A job enqueued with the wrong payload does not compile. */
export interface JobPayloads {}

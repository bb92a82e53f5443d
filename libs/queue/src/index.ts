// Queue: the module, job definitions and handlers, the producer and registry, queue names and the BullMQ Redis connection and policy.
export { KEEP_COMPLETED, KEEP_FAILED, RECONCILE_EVERY_MS, defineJob, definedJobs, jobOptions, schedulerOf } from './job-definition';
export type { AnyJobDefinition, JobPayload } from './job-definition';
export { JobHandler, handledJob } from './job-handler';
export type { JobContext } from './job-handler';
export { JobProducer } from './job-producer';
export { JOB_REQUEST_ID_KEY, JOB_TRACEPARENT_KEY, splitRequestId } from './job-request-id';
export { JobRegistry } from './job-registry';
export { QueueModule } from './queue.module';
export { QUEUES, QueueName } from './queues';
export { bullConnection, bullPrefix } from './redis-connection';
export { checkEvictionPolicy } from './redis-policy';

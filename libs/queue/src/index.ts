export * from './job-definition';
export * from './job-handler';
export * from './job-producer';
export * from './job-registry';
export * from './queue.module';
export * from './queues';
export * from './redis-connection';
export * from './redis-policy';

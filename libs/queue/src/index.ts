export * from './job-options';
export * from './job-producer';
export * from './queue.module';
export * from './queue-names';
export * from './redis-connection';
export * from './redis-policy';
export * from './job-handler';

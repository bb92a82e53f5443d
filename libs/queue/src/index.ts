export * from './queue-names';
export * from './redis-connection';
export * from './redis-policy';

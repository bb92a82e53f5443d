export * from './logistics.module';
export * from './logistics.service';
export * from './task.entities';
export * from './task-rules';

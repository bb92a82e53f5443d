/**
 * Preloaded (node -r) into a worker process by test/processes: defines a job no worker module
 * handles, as a feature would that forgot to register its handler.
 */
import { defineJob, QueueName } from '@app/queue';

defineJob<{ id: string }>({ queue: QueueName.Mail, name: 'unhandled-test-job', options: {} });

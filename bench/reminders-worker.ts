/**
 * One worker process of bench/reminders' two-worker run: the real worker module (every queue, every
 * handler, its own PostgreSQL pool and Redis connections), configured by the environment its parent
 * hands it, with the same no-op transport as the in-process run. Prints `ready` once consuming, and
 * stops on SIGTERM.
 */
import 'reflect-metadata';
import { Test } from '@nestjs/testing';

async function main(): Promise<void> {
  const { AppConfig, loadAppConfig } = await import('@app/config');
  const { ReminderKind, ReminderSenders } = await import('@app/reminders');
  const { WorkerModule } = await import('../apps/worker/src/worker.module');
  const worker = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(AppConfig)
    .useValue(loadAppConfig())
    .compile();
  await worker.init();
  worker.get(ReminderSenders).register(ReminderKind.DelegateEvent, async () => ({ messageId: 'noop' }));
  process.once('SIGTERM', () => void worker.close().then(() => process.exit(0)));
  console.log('ready');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { LOG_DESTINATION } from '@app/common';
import { AppConfig, loadAppConfig } from '@app/config';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/**
 * The real worker module in this process, with configuration overrides (e.g. the SMTP sink); `logs`
 * receives its log lines (with `LOG_LEVEL` in `env` above `silent`), through the logger main.ts uses.
 */
export async function createTestWorker(
  env: Record<string, string> = {},
  options: { logs?: { write(line: string): void } } = {},
): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(AppConfig)
    .useValue(loadAppConfig({ ...process.env, ...env }))
    .overrideProvider(LOG_DESTINATION)
    .useValue(options.logs ?? null)
    .compile();
  if (options.logs) moduleRef.useLogger(moduleRef.get(Logger));
  await moduleRef.init();
  return moduleRef;
}

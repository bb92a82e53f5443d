import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig, loadAppConfig } from '@app/config';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/** The real worker module in this process, with configuration overrides (e.g. the SMTP sink). */
export async function createTestWorker(env: Record<string, string> = {}): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(AppConfig)
    .useValue(loadAppConfig({ ...process.env, ...env }))
    .compile();
  await moduleRef.init();
  return moduleRef;
}

// First: reflect-metadata, configuration and tracing, before any instrumented module loads (instrument.ts).
import './instrument';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT close the context: modules finish in-flight work in their shutdown hooks.
  app.enableShutdownHooks();
  await app.init();
}

void bootstrap();

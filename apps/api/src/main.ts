// First: reflect-metadata, configuration and tracing, before any instrumented module loads (instrument.ts).
import './instrument';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@app/config';
import { ApiModule } from './api.module';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  const app = await configureApp(await NestFactory.create<NestExpressApplication>(ApiModule, { bufferLogs: true }));
  const config = app.get(AppConfig);
  await app.listen(config.HTTP_PORT, config.HOST);
}

void bootstrap();

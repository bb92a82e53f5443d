import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { signAccessToken } from '@app/auth';
import { LOG_DESTINATION } from '@app/common';
import { AppConfig, loadAppConfig } from '@app/config';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp } from '../../apps/api/src/configure-app';

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  dataSource: DataSource;
  /** A bearer token for the user, signed as login would (with the account's current token version). */
  tokenFor(user: { id: string }): Promise<string>;
  close(): Promise<void>;
}

/**
 * Boots the real API module against the test database and Redis, configured exactly as main.ts does.
 * `env` overrides configuration for this instance only (e.g. a low login rate limit); `logs` receives
 * the app's log lines (with `LOG_LEVEL` in `env` above `silent`) instead of stdout.
 */
export async function createTestApp(env: Record<string, string> = {}, options: { logs?: { write(line: string): void } } = {}): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule] })
    .overrideProvider(AppConfig)
    .useValue(loadAppConfig({ ...process.env, ...env }))
    .overrideProvider(LOG_DESTINATION)
    .useValue(options.logs ?? null)
    .compile();
  const app = await configureApp(moduleRef.createNestApplication<NestExpressApplication>({ logger: false }));
  await app.init();
  const jwt = app.get(JwtService);
  const dataSource = app.get<DataSource>(getDataSourceToken());
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource,
    tokenFor: async (user) => {
      const [{ token_version: tokenVersion }] = await dataSource.query(`SELECT token_version FROM users WHERE id = $1`, [user.id]);
      return signAccessToken(jwt, { id: user.id, tokenVersion });
    },
    close: () => app.close(),
  };
}

import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { loadAppConfig } from '@app/config';
import { bullConnection, bullPrefix, QueueName } from '@app/queue';
import { TEST_ENV } from './test-env';

const ROOT = resolve(__dirname, '..');
const TS_NODE = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];

function start(entry: string, env: Record<string, string | undefined>, preload: string[] = []): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [...TS_NODE, ...preload.flatMap((module) => ['-r', module]), entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ENV_FILE: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return Object.assign(child, { output: () => output });
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function reconcilerSchedulers(): Promise<unknown[]> {
  const config = loadAppConfig({ ...TEST_ENV });
  const found = [];
  for (const [queueName, job] of [
    [QueueName.Mail, 'reconcile-invitation-messages'],
    [QueueName.Reminders, 'reconcile-reminders'],
  ]) {
    const queue = new Queue(queueName, { connection: bullConnection(config, 'producer'), prefix: bullPrefix(config) });
    found.push(await queue.getJobScheduler(job).finally(() => queue.close()));
  }
  return found;
}

describe('Processes', () => {
  it('stops the API at start with one line naming a missing variable', async () => {
    const api = start('apps/api/src/main.ts', { ...TEST_ENV, JWT_SECRET: undefined });
    const [code] = await once(api, 'exit');
    expect(code).toBe(1);
    expect(api.output().trim()).toBe('Invalid configuration: JWT_SECRET is missing');
  });

  it('stops the worker with one line naming a malformed variable', async () => {
    const worker = start('apps/worker/src/main.ts', { ...TEST_ENV, REDIS_URL: 'localhost:6379' });
    const [code] = await once(worker, 'exit');
    expect(code).toBe(1);
    expect(worker.output().trim()).toBe('Invalid configuration: REDIS_URL — must be redis://host:port/db');
  });

  it.each(['apps/api/src/main.ts', 'apps/worker/src/main.ts'])(
    'stops %s in production on a localhost PUBLIC_BASE_URL, with one line',
    async (entry) => {
      // Secrets that pass production's rules, so the base is what it stops on.
      const secrets = {
        JWT_SECRET: randomBytes(48).toString('base64url'),
        LINK_SECRET: randomBytes(48).toString('base64url'),
        METRICS_TOKEN: randomBytes(48).toString('base64url'),
      };
      const { INBOUND_HOOK_SECRET: _short, ...env } = TEST_ENV;
      const app = start(entry, { ...env, ...secrets, NODE_ENV: 'production', PUBLIC_BASE_URL: 'http://localhost:3000' });
      const [code] = await once(app, 'exit');
      expect(code).toBe(1);
      expect(app.output().trim()).toBe(
        'Invalid configuration: PUBLIC_BASE_URL — is http://localhost:3000, a local address: with NODE_ENV=production it must be the public address people open (e.g. https://ngayhoi.example.vn)',
      );
    },
    60000,
  ); // loads the whole app's modules under ts-node before the check, like the tests below

  it('refuses to start the worker when a job has no handler, naming the job', async () => {
    const worker = start('apps/worker/src/main.ts', { ...TEST_ENV, LOG_LEVEL: 'info' }, ['./test/utils/unhandled-job.ts']);
    const [code] = await once(worker, 'exit');
    expect(code).toBe(1);
    expect(worker.output()).toContain('Worker refuses to start: no handler for job unhandled-test-job');
    expect(worker.output()).not.toContain('worker ready');
  }, 40000);

  it('boots the worker against PostgreSQL and Redis and shuts it down gracefully on SIGTERM', async () => {
    const worker = start('apps/worker/src/main.ts', { ...TEST_ENV, LOG_LEVEL: 'info' });
    await waitFor(() => worker.output().includes('worker ready'), 20000);
    const line = worker
      .output()
      .split('\n')
      .find((entry) => entry.includes('worker ready'))!;
    expect(JSON.parse(line)).toMatchObject({ level: 30, msg: expect.stringContaining('PostgreSQL and Redis reachable') });
    const schedulers = await reconcilerSchedulers();
    worker.kill('SIGTERM');
    const [code, signal] = await once(worker, 'exit');
    // Nest closes every module, then re-raises the signal so supervisors see the usual exit.
    expect(worker.output()).toContain('worker stopped on SIGTERM: connections closed');
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
    // The reconcilers' schedulers, from their definitions: every minute, under the job's name, with its retention.
    const retention = { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };
    expect(schedulers).toMatchObject([
      { name: 'reconcile-invitation-messages', every: 60_000, template: { opts: retention } },
      { name: 'reconcile-reminders', every: 60_000, template: { opts: retention } },
    ]);
  }, 40000);
});

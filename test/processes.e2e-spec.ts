import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { TEST_ENV } from './test-env';

const ROOT = resolve(__dirname, '..');
const TS_NODE = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];

function start(entry: string, env: Record<string, string | undefined>): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [...TS_NODE, entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ENV_FILE: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return Object.assign(child, { output: () => output });
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((done) => setTimeout(done, 100));
  }
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

  it('boots the worker against PostgreSQL and Redis and shuts it down gracefully on SIGTERM', async () => {
    const worker = start('apps/worker/src/main.ts', { ...TEST_ENV, LOG_LEVEL: 'info' });
    await waitFor(() => worker.output().includes('worker ready'), 20000);
    const line = worker.output().split('\n').find((entry) => entry.includes('worker ready'))!;
    expect(JSON.parse(line)).toMatchObject({ level: 30, msg: expect.stringContaining('PostgreSQL and Redis reachable') });
    worker.kill('SIGTERM');
    const [code, signal] = await once(worker, 'exit');
    // Nest closes every module, then re-raises the signal so supervisors see the usual exit.
    expect(worker.output()).toContain('worker stopped on SIGTERM: connections closed');
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
  }, 40000);
});

import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  ready(ms?: number): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** The real worker app (apps/worker/src/main.ts) as a child process, with its own environment. */
export function startWorkerProcess(env: Record<string, string | undefined>): WorkerProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ENV_FILE: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return {
    child,
    output: () => output,
    async ready(ms = 30_000) {
      const deadline = Date.now() + ms;
      while (!output.includes('worker ready')) {
        if (child.exitCode !== null) throw new Error(`worker exited: ${output}`);
        if (Date.now() > deadline) throw new Error(`worker not ready: ${output}`);
        await new Promise((done) => setTimeout(done, 100));
      }
    },
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}

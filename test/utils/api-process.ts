import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export interface ApiProcess {
  child: ChildProcess;
  base: string;
  output(): string;
  ready(ms?: number): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * The real API app (apps/api/src/main.ts, under ts-node) as a child process on a free port — for what
 * an in-process app cannot show, such as OpenTelemetry's instrumentations, which patch modules as Node
 * loads them (jest's module registry loads them its own way).
 */
export async function startApiProcess(env: Record<string, string | undefined>): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ENV_FILE: '/nonexistent', ...env, HTTP_PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const base = `http://127.0.0.1:${port}`;
  return {
    child,
    base,
    output: () => output,
    async ready(ms = 120_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`api exited: ${output}`);
        const live = await fetch(`${base}/api/health/live`).then(
          (response) => response.ok,
          () => false,
        );
        if (live) return;
        if (Date.now() > deadline) throw new Error(`api not ready: ${output}`);
        await new Promise((done) => setTimeout(done, 250));
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

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether redis-server and redis-cli are installed (the Cluster e2e skips, saying so, when not). */
export function redisServerAvailable(): boolean {
  return ['redis-server', 'redis-cli'].every((command) => spawnSync(command, ['--version']).status === 0);
}

export interface LocalRedisCluster {
  ports: number[];
  /** `host:port,…`, as REDIS_CLUSTER_NODES takes it. */
  nodes: string;
  stop(): void;
}

/**
 * A Redis Cluster of masters only on local ports, each node its own daemonized redis-server with its
 * own directory under a temporary one; `users` are ACL rules added to every node (e.g. a user refused
 * CONFIG, as managed Redis services do). `stop` shuts the nodes down and removes the directory.
 */
export async function startRedisCluster(ports: number[], users: string[] = []): Promise<LocalRedisCluster> {
  const root = mkdtempSync(join(tmpdir(), 'ngayhoi-redis-cluster-'));
  const cli = (port: number, ...args: string[]) => execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8' });
  const stop = () => {
    for (const port of ports) spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'shutdown', 'nosave']);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      const dir = join(root, String(port));
      mkdirSync(dir);
      // Each ACL rule is one `--user` directive, its words as separate arguments.
      const acl = users.flatMap((rule) => ['--user', ...rule.split(' ')]);
      execFileSync('redis-server', [
        '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', join(dir, 'nodes.conf'),
        '--dir', dir, '--daemonize', 'yes', '--pidfile', join(dir, 'redis.pid'), '--logfile', join(dir, 'redis.log'),
        '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', ...acl,
      ]); // prettier-ignore
    }
    for (const port of ports) await until(() => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG');
    execFileSync('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes'], {
      encoding: 'utf8',
    });
    // Every node must agree the slots are covered before clients connect.
    for (const port of ports) await until(() => cli(port, 'cluster', 'info').includes('cluster_state:ok'));
  } catch (error) {
    stop();
    throw error;
  }
  return { ports, nodes: ports.map((port) => `127.0.0.1:${port}`).join(','), stop };
}

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Redis Cluster did not come up');
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * Issue 19: the image and the compose file say what they run, read as text (no Docker daemon here;
 * test/production-bundle.e2e-spec.ts runs the image's steps). Every image pinned to a version, the
 * Node base the same release as the tests' `node`, production dependencies only, a non-root user, a
 * health check, and migrations from the compiled CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const dockerfile = read('Dockerfile');
const compose = read('docker-compose.yml');
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };

/** The instructions of a Dockerfile stage by stage, comments and continuations folded. */
function stages(text: string): string[][] {
  const lines = text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const result: string[][] = [];
  for (const line of lines) {
    if (/^FROM /i.test(line)) result.push([]);
    result.at(-1)?.push(line);
  }
  return result;
}

/** docker-compose services: name → their block of lines. */
function services(text: string): Map<string, string> {
  const body = text.slice(text.indexOf('\nservices:\n') + 1, text.indexOf('\nvolumes:\n'));
  const found = new Map<string, string>();
  for (const block of body.split(/\n(?= {2}[a-z-]+:\n)/)) {
    const name = /^ {2}([a-z-]+):\n/.exec(block)?.[1];
    if (name) found.set(name, block);
  }
  return found;
}

describe('Dockerfile', () => {
  const [build, deps, runtime] = stages(dockerfile);

  it('builds on a pinned Node, the release of the `node` devDependency the tests run on', () => {
    const base = /^ARG NODE_IMAGE=node:(\d+\.\d+\.\d+)-[a-z]+-slim$/m.exec(dockerfile);
    expect(base?.[1]).toBe(pkg.devDependencies.node);
    expect([build, deps, runtime].map((stage) => stage[0])).toEqual([
      'FROM ${NODE_IMAGE} AS build',
      'FROM ${NODE_IMAGE} AS deps',
      'FROM ${NODE_IMAGE} AS runtime',
    ]);
  });

  it('compiles in one stage and ships production dependencies only', () => {
    expect(build).toEqual(expect.arrayContaining(['RUN npm ci --no-audit --no-fund', 'RUN npm run build']));
    expect(deps.some((line) => line.startsWith('RUN npm run install:production'))).toBe(true);
    expect(pkg.scripts['install:production']).toMatch(/^npm ci --omit=dev /);
    expect(pkg.scripts.build).toContain('nest build cli');
    expect(runtime).toEqual(expect.arrayContaining(['COPY --from=deps /app/node_modules ./node_modules', 'COPY --from=build /app/dist ./dist']));
  });

  it('runs as the unprivileged node user, in production, with a health check, from the bundles', () => {
    expect(runtime).toContain('USER node');
    expect(runtime.findIndex((line) => line === 'USER node')).toBeGreaterThan(runtime.findIndex((line) => line.startsWith('COPY')));
    expect(runtime.find((line) => line.startsWith('ENV '))).toMatch(/NODE_ENV=production/);
    expect(runtime.find((line) => line.startsWith('HEALTHCHECK '))).toMatch(/\/api\/health/);
    expect(runtime.at(-1)).toBe('CMD ["node", "dist/apps/api/main.js"]');
    // Nothing the image runs goes through ts-node (comments aside).
    const commands = [build, deps, runtime].flat().filter((line) => /^(RUN|CMD|ENTRYPOINT|HEALTHCHECK) /.test(line));
    expect(commands.filter((line) => line.includes('ts-node'))).toEqual([]);
  });

  it('sends the daemon no local install, build, secret or history', () => {
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', '.env', 'config/.env']));
  });
});

describe('docker-compose.yml', () => {
  const all = services(compose);

  it('pins every image to a version', () => {
    const images = [...compose.matchAll(/^\s+image:\s*(\S+)/gm)].map((match) => match[1]);
    expect(images.length).toBeGreaterThanOrEqual(4);
    for (const image of images) expect({ image, pinned: /:(v?\d+\.\d+(\.\d+)?)(-[a-z0-9.]+)?$/.test(image) }).toEqual({ image, pinned: true });
  });

  it('runs the application in the `app` profile: migrations once from the compiled CLI, then api and worker', () => {
    for (const name of ['migrate', 'api', 'worker']) {
      expect({ name, profile: all.get(name)?.includes('profiles: [app]') }).toEqual({ name, profile: true });
    }
    expect(all.get('migrate')).toContain(`command: ['node', 'dist/apps/cli/main.js', 'migration:run']`);
    expect(all.get('api')).toContain(`command: ['node', 'dist/apps/api/main.js']`);
    expect(all.get('worker')).toContain(`command: ['node', 'dist/apps/worker/main.js']`);
    for (const name of ['api', 'worker']) expect(all.get(name)).toMatch(/migrate: \{ condition: service_completed_successfully \}/);
    // The services alone stay the default (`docker compose up -d` for development).
    for (const name of ['postgres', 'redis', 'mailpit']) expect(all.get(name)).not.toContain('profiles:');
  });
});

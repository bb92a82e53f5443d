import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initEnvFile } from './init-env';

describe('env:init', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ngayhoi-env-'));
    mkdirSync(join(root, 'config'));
    writeFileSync(join(root, 'config/.env.example'), 'NODE_ENV=development\nJWT_SECRET=\nLINK_SECRET=\n', { mode: 0o644 });
  });

  it('writes config/.env readable by its owner only, with fresh secrets', () => {
    const previous = process.umask(0o022); // the usual umask, which would leave a copied file world-readable
    try {
      expect(initEnvFile(root)).toContain('written');
    } finally {
      process.umask(previous);
    }
    const target = join(root, 'config/.env');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    const text = readFileSync(target, 'utf8');
    expect(text).toMatch(/^JWT_SECRET=[A-Za-z0-9_-]{64}$/m);
    expect(text).toMatch(/^LINK_SECRET=[A-Za-z0-9_-]{64}$/m);
  });

  it('never overwrites an existing file', () => {
    writeFileSync(join(root, 'config/.env'), 'JWT_SECRET=kept\n');
    expect(initEnvFile(root)).toContain('already exists');
    expect(readFileSync(join(root, 'config/.env'), 'utf8')).toBe('JWT_SECRET=kept\n');
  });
});

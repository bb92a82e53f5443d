/**
 * What the browser tests need around Chromium: the console built (once, only when its sources are
 * newer than the build), Debian's Chromium driven by playwright-core (no downloaded browser), and a
 * folder for screenshots (git-ignored).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import { TEST_PASSWORD } from '../utils/factories';
import { createTestApp, TestApp } from '../utils/test-app';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REPO = resolve(__dirname, '../..');
const WEB_SOURCES = join(REPO, 'apps/web');
export const WEB_BUILD = join(REPO, 'dist/apps/web');
export const SCREENSHOTS = join(REPO, 'test-artifacts/screenshots');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Files of the console's sources, recursively. */
function filesUnder(path: string): string[] {
  return statSync(path).isDirectory() ? readdirSync(path).flatMap((name) => filesUnder(join(path, name))) : [path];
}

/** The API's pure files the console imports through the `@shared/` alias (enums, names, defaults). */
function sharedFiles(): string[] {
  const imported = filesUnder(join(WEB_SOURCES, 'src')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/from '@shared\/([^']+)'/g)].map((match) => match[1]),
  );
  return [...new Set(imported)].map((path) => join(REPO, 'libs', `${path}.ts`));
}

/** Builds the console with Vite unless dist/apps/web is newer than every file of apps/web and the shared files it imports. */
export function ensureConsoleBuilt(): void {
  const index = join(WEB_BUILD, 'index.html');
  const sources = Math.max(newestMtime(WEB_SOURCES), ...sharedFiles().map(newestMtime));
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  const result = spawnSync(
    process.execPath,
    [join(REPO, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: REPO,
      // The production build, as shipped: jest's NODE_ENV=test would make Vite bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
      encoding: 'utf8',
      timeout: 180_000,
    },
  );
  if (result.status !== 0) throw new Error(`Building the web console failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * Chromium with a fresh profile; fails loudly (never skips) when the browser is not installed.
 * `extraArgs`: more switches (e.g. a fake camera playing a file, for the door's QR scanner).
 */
export async function launchChromium(extraArgs: string[] = []): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}: the browser tests need Debian's Chromium. Install it with \`apt-get install -y chromium\` (.ci/run does this).`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'ngayhoi-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
    viewport: { width: 1440, height: 1000 },
    locale: 'vi-VN',
    timezoneId: 'Europe/Paris', // not Vietnam's: times must still show in Asia/Ho_Chi_Minh
    acceptDownloads: true,
  });
}

/** A new page that records script errors and what the CSP refused into `problems` (each suite asserts it stays empty). */
export async function watchedPage(context: BrowserContext, problems: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  return page;
}

/** Logs in through the login page (the factories' password) and, when given, chooses the edition in the header. */
export async function logInAs(page: Page, base: string, email: string, editionId?: string): Promise<void> {
  await page.goto(`${base}/dang-nhap`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('current-user').waitFor();
  if (editionId) await page.getByLabel('Chọn đợt tổ chức').selectOption(editionId);
}

/** A full-page screenshot into test-artifacts/screenshots (kept by CI, ignored by git). */
export function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * The console as production serves it: built if needed (before the app boots: it serves the build only
 * if it exists), the API on a free port with the map tiles on a port that refuses connections at once —
 * the map must cope without tiles, as when offline, and nothing leaves the machine.
 */
export async function startConsole(): Promise<{ t: TestApp; base: string }> {
  ensureConsoleBuilt();
  const t = await createTestApp({ MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' });
  await t.app.listen(0, '127.0.0.1');
  return { t, base: `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}` };
}

/**
 * Issue 16, item 5: a venue's name is typed by people (an organizer nominates it), so the map shows it
 * as text. Leaflet renders a string tooltip as HTML; markup in a name must stay visible markup.
 */
import type { BrowserContext } from 'playwright-core';
import { Role } from '@app/auth';
import type { Edition } from '@app/editions/edition.entity';
import { createEdition, createUser, createVenue } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import { launchChromium, logInAs, startConsole, watchedPage } from './browser';

jest.setTimeout(90_000);

const HOSTILE_NAME = 'Điểm <img src=x onerror="window.__injected=1"><b>đậm</b>';

describe('Venue map tooltips (Chromium)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let edition: Edition;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ t, base } = await startConsole());
    edition = await createEdition(t.dataSource, { theme: 'Bản đồ an toàn (thử trình duyệt)' });
    await createVenue(t.dataSource, edition, '12', { name: HOSTILE_NAME, scheduleOn: `${edition.year}-08-12`, latitude: 22.36, longitude: 103.24 });
    context = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    if (edition) {
      await t.dataSource.query(`DELETE FROM venues WHERE edition_id = $1`, [edition.id]);
      await t.dataSource.query(`DELETE FROM editions WHERE id = $1`, [edition.id]);
    }
    await t?.close();
  });

  it('shows markup in a venue name as literal text in the tooltip, and runs none of it', async () => {
    const planner = await createUser(t.dataSource, Role.CentralPlanner);
    const page = await watchedPage(context, problems);
    await logInAs(page, base, planner.email, edition.id);
    const marker = page.locator('[data-testid="venue-map"] path.leaflet-interactive');
    await marker.first().waitFor();
    await marker.first().hover();
    const tooltip = page.locator('.leaflet-tooltip');
    await tooltip.waitFor();
    await expect(tooltip.textContent()).resolves.toContain(HOSTILE_NAME);
    await expect(tooltip.locator('img, b').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (globalThis as { __injected?: number }).__injected)).resolves.toBeUndefined();
    expect(problems).toEqual([]);
    await page.close();
  });
});

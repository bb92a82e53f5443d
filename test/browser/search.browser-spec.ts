/**
 * Issue 18, finding things: the header's one search box. Typed without diacritics ("lai chau"), it finds
 * the Lai Châu venues (and their tasks), searched by the API; an organizer on a phone gets the same box.
 */
import type { BrowserContext } from 'playwright-core';
import { Role } from '@app/auth';
import type { Edition } from '@app/editions/edition.entity';
import { createEdition, createUser, createVenue } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';

jest.setTimeout(120_000);

describe('One search box (Chromium)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let edition: Edition;
  const problems: string[] = [];
  const laiChau = ['Ngày hội bản Nậm Cang (thử tìm kiếm)', 'Ngày hội xã Sìn Hồ (thử tìm kiếm)'];
  const elsewhere = 'Ngày hội phường Bến Thành (thử tìm kiếm)';

  beforeAll(async () => {
    ({ t, base } = await startConsole());
    edition = await createEdition(t.dataSource, { theme: 'Tìm kiếm không dấu (thử trình duyệt)' });
    for (const name of laiChau) await createVenue(t.dataSource, edition, '12', { name, scheduleOn: `${edition.year}-08-12` });
    await createVenue(t.dataSource, edition, '79', { name: elsewhere, scheduleOn: `${edition.year}-08-12` });
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

  it('a planner types "lai chau" in the header and finds the Lai Châu venues, and opens one', async () => {
    const planner = await createUser(t.dataSource, Role.CentralPlanner);
    const page = await watchedPage(context, problems);
    await logInAs(page, base, planner.email, edition.id);
    await page.getByRole('searchbox', { name: /Tìm điểm tổ chức/ }).fill('lai chau');
    await page.getByRole('search').first().getByRole('button', { name: 'Tìm kiếm' }).click();
    const venues = page.getByTestId('search-venues');
    await venues.locator('li').first().waitFor();
    const found = await venues.locator('li a').allTextContents();
    expect(found.sort()).toEqual([...laiChau].sort());
    await expect(venues.textContent()).resolves.toContain('Lai Châu');
    await expect(page.getByTestId('search-results').textContent()).resolves.not.toContain(elsewhere);
    await shot(page, 'search-lai-chau-desktop');
    await venues.getByRole('link', { name: laiChau[0] }).click();
    await page.getByRole('heading', { name: laiChau[0] }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('an organizer on a phone (360×740) finds their province\'s venues with "LAI CHAU", no leaders, no horizontal scroll', async () => {
    const organizer = await createUser(t.dataSource, Role.ProvincialOrganizer, '12');
    const page = await watchedPage(context, problems);
    await page.setViewportSize({ width: 360, height: 740 });
    await logInAs(page, base, organizer.email, edition.id);
    await page.getByRole('searchbox', { name: /Tìm điểm tổ chức/ }).fill('LAI CHAU');
    await page.getByRole('searchbox', { name: /Tìm điểm tổ chức/ }).press('Enter');
    const venues = page.getByTestId('search-venues');
    await venues.locator('li').first().waitFor();
    expect((await venues.locator('li a').allTextContents()).sort()).toEqual([...laiChau].sort());
    await expect(page.getByTestId('search-leaders').count()).resolves.toBe(0);
    await expect(page.getByTestId('search-invitations').count()).resolves.toBe(0);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(360);
    await shot(page, 'search-lai-chau-phone');
    expect(problems).toEqual([]);
    await page.close();
  });
});

/**
 * Issue 18, printing: a venue page prints cleanly (the print stylesheet drops the header, navigation,
 * buttons and forms and keeps the programme and checklist), and its sheet downloads as a PDF.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { Role } from '@app/auth';
import type { Edition } from '@app/editions/edition.entity';
import { createEdition, createUser, createVenue } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';

jest.setTimeout(120_000);

describe('Printing a venue (Chromium)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let edition: Edition;
  let venueId: string;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ t, base } = await startConsole());
    edition = await createEdition(t.dataSource, { theme: 'In điểm tổ chức (thử trình duyệt)' });
    venueId = (await createVenue(t.dataSource, edition, '12', { name: 'Ngày hội bản Mường Tè in thử', scheduleOn: `${edition.year}-08-12` })).id;
    context = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    if (edition) {
      await t.dataSource.query(`DELETE FROM programme_items WHERE venue_id IN (SELECT id FROM venues WHERE edition_id = $1)`, [edition.id]);
      await t.dataSource.query(`DELETE FROM venues WHERE edition_id = $1`, [edition.id]);
      await t.dataSource.query(`DELETE FROM editions WHERE id = $1`, [edition.id]);
    }
    await t?.close();
  });

  it('prints the venue without navigation or controls, and downloads its PDF', async () => {
    const planner = await createUser(t.dataSource, Role.CentralPlanner);
    const token = `Bearer ${await t.tokenFor(planner)}`;
    await t.http
      .post(`/api/venues/${venueId}/programme`)
      .set('Authorization', token)
      .send({ part: 'ceremony', title: 'Chào cờ in thử', startTime: '08:00', endTime: '08:15' })
      .expect(201);
    const page = await watchedPage(context, problems);
    await logInAs(page, base, planner.email, edition.id);
    await page.goto(`${base}/diem/${venueId}`);
    await page.getByRole('heading', { name: 'Ngày hội bản Mường Tè in thử' }).waitFor();
    // A planner's programme is editable: rows of fields. Waited for by value: the page draws the editor
    // before the programme has loaded, and reading the first field then found it empty.
    const item = page.locator('input[aria-label="Nội dung"][value="Chào cờ in thử"]');
    await item.waitFor();
    await expect(item.inputValue()).resolves.toBe('Chào cờ in thử');

    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.mainnav').isVisible()).resolves.toBe(false);
    await expect(page.locator('.topbar').isVisible()).resolves.toBe(false);
    const visible = (selector: string) =>
      page.evaluate<number>(`[...document.querySelectorAll('${selector}')].filter((node) => node.offsetParent !== null).length`);
    await expect(visible('button')).resolves.toBe(0);
    await expect(visible('form')).resolves.toBe(0);
    await expect(page.getByRole('form', { name: 'Phân công lãnh đạo' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('heading', { name: 'Ngày hội bản Mường Tè in thử' }).isVisible()).resolves.toBe(true);
    await expect(item.isVisible()).resolves.toBe(true); // printed as its text, without the field's frame
    await expect(page.evaluate<string>(`getComputedStyle(document.querySelector('input[aria-label="Nội dung"]')).borderTopStyle`)).resolves.toBe('none');
    await shot(page, 'venue-print');
    await page.emulateMedia({ media: 'screen' });

    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Tải PDF/ }).click()]);
    expect(file.suggestedFilename()).toMatch(/^diem-to-chuc-[0-9a-f]{8}\.pdf$/);
    const bytes = readFileSync(await file.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(problems).toEqual([]);
    await page.close();
  });
});

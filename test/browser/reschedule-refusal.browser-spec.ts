/**
 * A refused reschedule says what blocks it (issue 18): the programme items that would fall outside the
 * new hours are listed with their hours under the form, so the planner knows what to move first.
 */
import type { BrowserContext } from 'playwright-core';
import { Role } from '@app/auth';
import type { Edition } from '@app/editions/edition.entity';
import { createEdition, createUser, createVenue } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';
import { DESKTOP, overflowOf, PHONE, seriousViolations } from './phone';

jest.setTimeout(120_000);

describe('Reschedule refusal (Chromium)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let edition: Edition;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ t, base } = await startConsole());
    edition = await createEdition(t.dataSource, { theme: 'Đổi lịch bị từ chối (thử trình duyệt)' });
    context = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    await t?.close();
  });

  it('lists the programme items outside the new hours, at phone and desktop width', async () => {
    const planner = await createUser(t.dataSource, Role.CentralPlanner);
    const venue = await createVenue(t.dataSource, edition, '12', { name: 'Điểm đổi giờ bản Hon', scheduleOn: `${edition.year}-08-14` });
    const token = await t.tokenFor(planner);
    await t.http.post(`/api/venues/${venue.id}/programme/from-template`).set('Authorization', `Bearer ${token}`).send({}).expect(201);
    const items = (await t.http.get(`/api/venues/${venue.id}/programme`).set('Authorization', `Bearer ${token}`).expect(200)).body as Array<{
      title: string;
      startTime: string;
      endTime: string;
    }>;
    const outside = items.filter((item) => item.startTime < '09:00' || item.endTime > '10:00');
    expect(outside.length).toBeGreaterThan(0);

    const page = await watchedPage(context, problems);
    await page.setViewportSize(PHONE);
    await logInAs(page, base, planner.email, edition.id);
    await page.goto(`${base}/diem/${venue.id}`);
    await page.getByRole('button', { name: 'Đổi lịch' }).click();
    const form = page.getByRole('form', { name: 'Đổi lịch' });
    await form.getByLabel('Giờ bắt đầu').fill('09:00');
    await form.getByLabel('Giờ kết thúc').fill('10:00');
    await form.getByRole('button', { name: /^Xác nhận/ }).click();
    const blocking = form.getByTestId('blocking-items');
    await blocking.waitFor();
    await expect(blocking.locator('li').allTextContents()).resolves.toEqual(outside.map((item) => `${item.startTime}–${item.endTime}: ${item.title}`));
    await expect(form.locator('.form-error').textContent()).resolves.toContain('nằm ngoài khung giờ mới (09:00–10:00)');
    expect((await overflowOf(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await shot(page, 'doi-lich-bi-tu-choi');
    await page.setViewportSize(DESKTOP);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

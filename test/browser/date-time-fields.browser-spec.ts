/**
 * The console's date and time fields (issue 18), on an organizer's phone (360×740) in Chromium against
 * the API booted in-process: the calendar opens from a real form in Vietnamese (months numbered, T2 … CN,
 * weeks from Monday), is driven by keyboard and closes on Esc, disables the days outside the edition's
 * window, and a picked day fills the field as dd/mm/yyyy and is what the API saves; typed dates still
 * work and a typed date outside the window is refused naming the window; times are 24-hour HH:mm.
 * The browser runs in Europe/Paris: neither the days picked nor the hours saved may shift with it.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '@app/auth';
import type { User } from '@app/auth/user.entity';
import type { Edition } from '@app/editions/edition.entity';
import type { Venue } from '@app/venues/venue.entity';
import { VenueStatus, VenueTier } from '@app/venues/venue.enums';
import { createEdition, createUser, createVenue } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';
import { overflowOf, PHONE, seriousViolations } from './phone';

jest.setTimeout(120_000);

const WEEKDAYS = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];

describe('Web console: date and time fields on a phone (Chromium, 360×740)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let organizer: User; // Điện Biên
  let planner: User;
  let edition: Edition; // 01/07 – 19/08 of its year
  let approved: Venue; // to schedule through the console
  let nominated: Venue; // whose candidate dates are picked
  const problems: string[] = [];

  const openPage = () => watchedPage(context, problems);
  const logIn = (page: Page) => logInAs(page, base, organizer.email, edition.id);
  const getVenue = async (id: string) =>
    (
      await t.http
        .get(`/api/venues/${id}`)
        .set('Authorization', `Bearer ${await t.tokenFor(organizer)}`)
        .expect(200)
    ).body as {
      scheduledDate: string | null;
      startTime: string | null;
      endTime: string | null;
      startsAt: string | null;
      endsAt: string | null;
      candidateDates: string[];
    };

  /** The page fits the phone's width and axe finds nothing serious or critical (dialog open or not). */
  async function checkPhone(page: Page, name: string): Promise<void> {
    const overflow = await overflowOf(page);
    expect({ page: name, overflow: overflow.scrollWidth <= PHONE.width ? null : overflow }).toEqual({ page: name, overflow: null });
    await shot(page, `phone-${name}`);
    expect({ page: name, axe: await seriousViolations(page) }).toEqual({ page: name, axe: [] });
  }

  beforeAll(async () => {
    ({ t, base } = await startConsole());
    organizer = await createUser(t.dataSource, Role.ProvincialOrganizer, '11', { fullName: 'Lò Văn Chọn Ngày' });
    planner = await createUser(t.dataSource, Role.CentralPlanner, null, { fullName: 'Trần Thị Lịch Đợt' });
    edition = await createEdition(t.dataSource, { theme: 'Toàn dân bảo vệ an ninh Tổ quốc (thử chọn ngày giờ)' });
    approved = await createVenue(t.dataSource, edition, '11', {
      name: 'Điểm bản Him Lam (xếp lịch)',
      tier: VenueTier.Provincial,
      status: VenueStatus.Approved,
    });
    nominated = await createVenue(t.dataSource, edition, '11', { name: 'Điểm bản Noong Bua (ngày dự kiến)', tier: VenueTier.Provincial });
    context = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    // Other suites count rows across the shared test database: leave nothing of this suite that they would count.
    if (edition) {
      await t.dataSource.query(`UPDATE users SET active = false WHERE id = ANY($1)`, [[organizer.id, planner.id]]);
      await t.dataSource.query(`UPDATE reminders SET status = 'cancelled' WHERE edition_id = $1 AND status = 'pending'`, [edition.id]);
    }
    await t?.close();
  });

  afterEach(() => {
    const seen = problems.splice(0);
    expect(seen).toEqual([]); // no script errors, nothing the CSP refused
  });

  it('schedules a venue with the calendar and 24-hour times: Vietnamese labels, days outside the window disabled, Esc closes, saved as picked', async () => {
    const year = edition.year;
    const page = await openPage();
    await page.setViewportSize(PHONE);
    await logIn(page);
    await page.goto(`${base}/diem/${approved.id}`);
    await page.getByRole('button', { name: 'Xếp lịch' }).click();
    const form = page.getByRole('form', { name: 'Xếp lịch' });
    const dateInput = form.locator('input[name="date"]');
    const calendarButton = form.getByRole('button', { name: 'Mở lịch' });

    // Typed entry still works, and a typed day outside the window is refused naming the window.
    await dateInput.fill(`20/8/${year}`);
    await dateInput.press('Tab');
    await expect(dateInput.inputValue()).resolves.toBe(`20/08/${year}`); // shown as it will be read
    await form.getByRole('button', { name: /Xác nhận/ }).click();
    const outside = form.locator('.field-error[data-field="date"]');
    await outside.waitFor();
    await expect(outside.textContent()).resolves.toBe(`Ngoài thời gian tổ chức của đợt (01/07/${year} – 19/08/${year})`);
    await expect(form.locator('.form-error').getAttribute('data-code')).resolves.toBe('DATE_OUTSIDE_WINDOW');

    // The calendar: a modal dialog named for the field, on the month of the typed day, in Vietnamese.
    await calendarButton.click();
    const dialog = page.getByRole('dialog', { name: 'Ngày tổ chức' });
    await dialog.waitFor();
    // Focus is in the grid, on the first day that may be picked (the typed 20th may not be).
    await expect(page.evaluate(`document.activeElement?.closest('td')?.getAttribute('data-day') ?? null`)).resolves.toBe(`${year}-08-01`);
    await expect(dialog.locator('.rdp-caption_label').textContent()).resolves.toBe(`Tháng 8 năm ${year}`);
    await expect(dialog.locator('.rdp-weekday').allTextContents()).resolves.toEqual(WEEKDAYS);
    // Weeks start on Monday: the first row's first cell that holds a day is a Monday (T2).
    const firstDay = await dialog.locator('td[data-day]').first().getAttribute('data-day');
    expect(new Date(`${firstDay}T00:00:00Z`).getUTCDay()).toBe(1);
    // Days after the window's end cannot be picked; a click on one changes nothing.
    const afterWindow = dialog.locator(`td[data-day="${year}-08-20"] button`);
    await expect(afterWindow.isDisabled()).resolves.toBe(true);
    await expect(dialog.locator(`td[data-day="${year}-08-19"] button`).isDisabled()).resolves.toBe(false);
    await afterWindow.click({ force: true });
    await expect(dialog.isVisible()).resolves.toBe(true);
    await expect(dateInput.inputValue()).resolves.toBe(`20/08/${year}`);
    // Nor can the months after it be reached.
    await expect(dialog.getByRole('button', { name: 'Đến tháng tiếp theo' }).isDisabled()).resolves.toBe(true);
    await checkPhone(page, '30-lich-xep-lich');

    // Keyboard: Esc closes the calendar and gives focus back to its button.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect(dateInput.inputValue()).resolves.toBe(`20/08/${year}`);
    await expect(page.evaluate(`document.activeElement?.getAttribute('aria-label')`)).resolves.toBe('Mở lịch');

    // Picked by keyboard: from the 19th (the last day that may be picked), five days back and Enter.
    await dateInput.fill(`19/08/${year}`);
    await calendarButton.click();
    await dialog.waitFor();
    await expect(page.evaluate(`document.activeElement?.closest('td')?.getAttribute('data-day')`)).resolves.toBe(`${year}-08-19`);
    for (let step = 0; step < 5; step++) await page.keyboard.press('ArrowLeft');
    await expect(page.evaluate(`document.activeElement?.closest('td')?.getAttribute('data-day')`)).resolves.toBe(`${year}-08-14`);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await expect(dateInput.inputValue()).resolves.toBe(`14/08/${year}`);

    // And by touch: the 12th.
    await calendarButton.click();
    await dialog.waitFor();
    await expect(dialog.locator(`td[data-day="${year}-08-14"]`).getAttribute('aria-selected')).resolves.toBe('true');
    await dialog.locator(`td[data-day="${year}-08-12"] button`).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(dateInput.inputValue()).resolves.toBe(`12/08/${year}`);

    // Times: 24-hour HH:mm, typed the quick way and shown as HH:mm; the quick choices are 24-hour too.
    const start = form.locator('input[name="startTime"]');
    const end = form.locator('input[name="endTime"]');
    const choices = await page.evaluate<string[]>(`[...document.querySelector('input[name="startTime"]').list.options].map((option) => option.value)`);
    expect(choices).toHaveLength(48);
    expect(choices.slice(0, 3)).toEqual(['00:00', '00:30', '01:00']);
    expect(choices).toEqual(expect.arrayContaining(['13:00', '19:30', '23:30']));
    for (const choice of choices) expect(choice).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
    await start.fill('7h30');
    await end.fill('13:15');
    await end.press('Tab');
    await expect(start.inputValue()).resolves.toBe('07:30');
    await expect(end.inputValue()).resolves.toBe('13:15');
    await checkPhone(page, '31-xep-lich-gio');

    await form.getByRole('button', { name: /Xác nhận/ }).click();
    await page.getByTestId('venue-status').getByText('Đã xếp lịch').waitFor();
    await expect(page.getByTestId('venue-schedule').textContent()).resolves.toContain(`12/08/${year}, 07:30–13:15`);
    // Saved as picked: the calendar date unshifted, the hours Vietnam's, the instants UTC.
    const saved = await getVenue(approved.id);
    expect(saved).toMatchObject({
      scheduledDate: `${year}-08-12`,
      startTime: '07:30',
      endTime: '13:15',
      startsAt: `${year}-08-12T00:30:00.000Z`,
      endsAt: `${year}-08-12T06:15:00.000Z`,
    });
    await page.close();
  });

  it('picks several candidate dates on the venue form: each click adds or takes out a day, only inside the window', async () => {
    const year = edition.year;
    const page = await openPage();
    await page.setViewportSize(PHONE);
    await logIn(page);
    await page.goto(`${base}/diem/${nominated.id}/sua`);
    const form = page.getByRole('form', { name: 'Sửa thông tin điểm tổ chức' });
    const field = form.locator('input[name="candidateDates"]');
    await field.waitFor();
    await field.fill(`10/08/${year}`);

    const label = form.locator('label', { has: page.locator('input[name="candidateDates"]') });
    await label.getByRole('button', { name: 'Mở lịch' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ngày dự kiến' });
    await dialog.waitFor();
    await expect(dialog.locator('.rdp-caption_label').textContent()).resolves.toBe(`Tháng 8 năm ${year}`);
    await dialog.locator(`td[data-day="${year}-08-14"] button`).click();
    await dialog.locator(`td[data-day="${year}-08-12"] button`).click();
    await expect(field.inputValue()).resolves.toBe(`10/08/${year}, 12/08/${year}, 14/08/${year}`);
    await dialog.locator(`td[data-day="${year}-08-10"] button`).click(); // taken out again
    await expect(field.inputValue()).resolves.toBe(`12/08/${year}, 14/08/${year}`);
    // July is the window's first month: June cannot be reached, and no July day before the 1st exists to pick.
    await dialog.getByRole('button', { name: 'Đến tháng trước' }).click();
    await expect(dialog.locator('.rdp-caption_label').textContent()).resolves.toBe(`Tháng 7 năm ${year}`);
    await expect(dialog.getByRole('button', { name: 'Đến tháng trước' }).isDisabled()).resolves.toBe(true);
    await dialog.getByRole('button', { name: 'Đến tháng tiếp theo' }).click();
    await expect(dialog.locator(`td[data-day="${year}-08-25"] button`).isDisabled()).resolves.toBe(true);
    await dialog.locator(`td[data-day="${year}-08-25"] button`).click({ force: true });
    await expect(field.inputValue()).resolves.toBe(`12/08/${year}, 14/08/${year}`);
    await checkPhone(page, '32-lich-ngay-du-kien');
    await dialog.getByRole('button', { name: 'Xong' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.waitForURL(new RegExp(`/diem/${nominated.id}$`));
    await expect(getVenue(nominated.id)).resolves.toMatchObject({ candidateDates: [`${year}-08-12`, `${year}-08-14`] });
    await page.close();
  });

  it('moves the national day with the calendar: only days inside the edition’s window may be picked', async () => {
    const year = edition.year;
    const page = await openPage();
    await page.setViewportSize(PHONE);
    await logInAs(page, base, planner.email, edition.id);
    await page.goto(`${base}/dot-to-chuc`);
    await page.getByRole('button', { name: 'Sửa thông tin đợt' }).click();
    const form = page.getByRole('form', { name: 'Sửa thông tin đợt' });
    const field = form.locator('input[name="nationalDay"]');
    await expect(field.inputValue()).resolves.toBe(`19/08/${year}`);
    await form
      .locator('label', { has: page.locator('input[name="nationalDay"]') })
      .getByRole('button', { name: 'Mở lịch' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Ngày hội toàn quốc' });
    await dialog.waitFor();
    await expect(dialog.locator('.rdp-caption_label').textContent()).resolves.toBe(`Tháng 8 năm ${year}`);
    await expect(dialog.locator('.rdp-weekday').allTextContents()).resolves.toEqual(WEEKDAYS);
    // The window is 01/07 – 19/08: the 20th on is disabled, and so is every month outside it.
    await expect(dialog.locator(`td[data-day="${year}-08-20"] button`).isDisabled()).resolves.toBe(true);
    await expect(dialog.getByRole('button', { name: 'Đến tháng tiếp theo' }).isDisabled()).resolves.toBe(true);
    await dialog.getByRole('button', { name: 'Đến tháng trước' }).click();
    await expect(dialog.locator('.rdp-caption_label').textContent()).resolves.toBe(`Tháng 7 năm ${year}`);
    await expect(dialog.getByRole('button', { name: 'Đến tháng trước' }).isDisabled()).resolves.toBe(true);
    await checkPhone(page, '33-lich-ngay-hoi-toan-quoc');
    await dialog.getByRole('button', { name: 'Đến tháng tiếp theo' }).click();
    await dialog.locator(`td[data-day="${year}-08-18"] button`).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(field.inputValue()).resolves.toBe(`18/08/${year}`);
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu thông tin đợt.').waitFor();
    const saved = await t.http
      .get(`/api/editions/${edition.id}`)
      .set('Authorization', `Bearer ${await t.tokenFor(planner)}`)
      .expect(200);
    expect(saved.body).toMatchObject({ windowStart: `${year}-07-01`, windowEnd: `${year}-08-19`, nationalDay: `${year}-08-18` });
    await page.close();
  });
});

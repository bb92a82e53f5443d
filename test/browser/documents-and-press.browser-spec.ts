/**
 * Documents and press accreditation in the console (issue 20), at phone width: a journalist asks for
 * accreditation through the public form (no account); the province's organizer, on a phone, uploads
 * the venue's script and a second version from the venue page, and approves the journalist, whose pass
 * code then shows. No sideways scroll at 360 px, no serious accessibility fault.
 */
import type { BrowserContext } from 'playwright-core';
import { Role } from '@app/auth';
import type { User } from '@app/auth/user.entity';
import type { Edition } from '@app/editions/edition.entity';
import type { Venue } from '@app/venues/venue.entity';
import { createEdition, createUser, createVenue } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';
import { overflowOf, PHONE, seriousViolations } from './phone';

jest.setTimeout(120_000);

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Title (${text}) >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`);

describe('Documents and press accreditation (Chromium, 360 px)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let organizer: User;
  let edition: Edition;
  let venue: Venue;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ t, base } = await startConsole());
    organizer = await createUser(t.dataSource, Role.ProvincialOrganizer, '12', { fullName: 'Lò Thị Tài Liệu' });
    edition = await createEdition(t.dataSource, { theme: 'Ngày hội (thử tài liệu và báo chí)' });
    venue = await createVenue(t.dataSource, edition, '12', { name: 'Điểm bản Báo Chí', scheduleOn: `${edition.year}-08-20` });
    context = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    if (organizer) await t.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [organizer.id]);
    await t?.close();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  it('a journalist asks on a phone without an account; the honeypot stays out of sight', async () => {
    const page = await watchedPage(context, problems);
    await page.setViewportSize(PHONE);
    await page.goto(`${base}/bao-chi/${venue.id}`);
    await page.getByRole('heading', { name: 'Đăng ký tác nghiệp báo chí' }).waitFor();
    await page.getByText('Điểm bản Báo Chí').waitFor();
    const form = page.getByRole('form', { name: 'Đề nghị cấp thẻ tác nghiệp' });
    await form.getByLabel('Họ và tên').fill('Phạm Thị Phóng Viên');
    await form.getByLabel('Cơ quan báo chí').fill('Báo Lai Châu');
    await form.getByLabel('Số thẻ nhà báo').fill('LC-2026');
    await form.getByLabel('Số điện thoại').fill('0912 000 111');
    await form.getByLabel('E-mail nhận thẻ').fill('sai-dia-chi');
    await form.getByRole('button', { name: 'Gửi đề nghị' }).click();
    await form.locator('[data-field="email"]').getByText('phải là địa chỉ e-mail hợp lệ').waitFor();
    await form.getByLabel('E-mail nhận thẻ').fill('pv@baolaichau.example.vn');
    // Out of sight: left of the page, and out of the accessibility tree.
    const honeypot = await page.locator('input[name="website"]').boundingBox();
    expect(honeypot && honeypot.x + honeypot.width).toBeLessThanOrEqual(0);
    expect(await page.getByRole('textbox', { name: 'Website' }).count()).toBe(0);
    expect((await overflowOf(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'press-form-360');
    await form.getByRole('button', { name: 'Gửi đề nghị' }).click();
    await page.getByRole('status').getByText('Ban Tổ chức đã nhận đề nghị cấp thẻ tác nghiệp của anh/chị và sẽ trả lời qua e-mail.').waitFor();
    const [row] = await t.dataSource.query(`SELECT full_name, status FROM press_accreditations WHERE venue_id = $1`, [venue.id]);
    expect(row).toEqual({ full_name: 'Phạm Thị Phóng Viên', status: 'pending' });
  });

  it('the organizer on a phone uploads the script twice (two versions) and approves the journalist', async () => {
    const page = await watchedPage(context, problems);
    await page.setViewportSize(PHONE);
    await logInAs(page, base, organizer.email, edition.id);
    await page.goto(`${base}/diem/${venue.id}#tai-lieu`);
    const section = page.getByTestId('venue-documents');
    await section.getByText('Chưa có tài liệu nào.').waitFor();
    const upload = page.getByRole('form', { name: 'Tải lên tài liệu' });
    for (const [version, name] of [
      [1, 'Kịch bản Ngày hội.pdf'],
      [2, 'Kịch bản Ngày hội (sửa).pdf'],
    ] as const) {
      await upload.getByLabel('Loại tài liệu').selectOption({ label: 'Kịch bản' });
      await upload.getByLabel('Tên tài liệu').fill('Kịch bản chương trình');
      await upload.getByLabel('Tệp').setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf(`ban ${version}`) });
      await upload.getByRole('button', { name: 'Tải lên' }).click();
      await section.getByText(`Phiên bản ${version}: ${name}`).waitFor();
    }
    await section.getByText('(2 phiên bản)').waitFor();
    await section.getByRole('button', { name: 'Xem 1 phiên bản trước' }).click();
    await section.getByText('Phiên bản 1: Kịch bản Ngày hội.pdf').waitFor();
    const downloading = page.waitForEvent('download');
    await section.getByRole('button', { name: 'Tải về phiên bản 1: Kịch bản Ngày hội.pdf' }).click();
    expect((await downloading).suggestedFilename()).toBe('Kịch bản Ngày hội.pdf');
    expect((await overflowOf(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'venue-documents-360');

    await page.goto(`${base}/diem/${venue.id}#bao-chi`);
    const press = page.getByTestId('press-accreditations');
    await press.getByText('Phạm Thị Phóng Viên').waitFor();
    await press.getByRole('button', { name: 'Cấp thẻ' }).click();
    await press.getByText('Đã cấp thẻ').waitFor();
    const code = await press.locator('.pass-code').textContent();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect((await overflowOf(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'press-accreditations-360');
  });
});

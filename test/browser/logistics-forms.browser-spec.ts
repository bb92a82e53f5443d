/**
 * Logistics editing in the console, in Chromium against the API booted in-process (as
 * console.browser-spec.ts): the edition's task template, a venue's tasks and their prerequisites, and
 * budget lines edited in place — every refusal of the API shown where the action was.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { Role } from '@app/auth';
import type { User } from '@app/auth/user.entity';
import type { Edition } from '@app/editions/edition.entity';
import type { Venue } from '@app/venues/venue.entity';
import { VenueStatus } from '@app/venues/venue.enums';
import { createEdition, createUser, createVenue } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';

jest.setTimeout(90_000);

describe('Logistics forms in the console (Chromium)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let token: string;
  let planner: User;
  let edition: Edition;
  let shortlisted: Venue; // approved in the console after the template is edited: its checklist follows the new template
  let held: Venue; // the festival is over: only its actual costs remain to be recorded
  const problems: string[] = [];

  const openPage = () => watchedPage(context, problems);

  const logIn = (page: Page, email: string) => logInAs(page, base, email, edition.id);

  const api = (method: 'get' | 'post', path: string) => t.http[method](`/api${path}`).set('Authorization', `Bearer ${token}`);
  const card = (page: Page, title: string) => page.getByRole('article', { name: title, exact: true });
  const prerequisites = (task: Locator) => task.getByRole('list', { name: 'Cần xong trước' }).getByRole('listitem');

  beforeAll(async () => {
    ({ t, base } = await startConsole());

    planner = await createUser(t.dataSource, Role.CentralPlanner, null, { fullName: 'Trần Văn Hậu Cần' });
    token = await t.tokenFor(planner);
    edition = await createEdition(t.dataSource, { theme: 'Toàn dân bảo vệ an ninh Tổ quốc (thử hậu cần)' });
    shortlisted = await createVenue(t.dataSource, edition, '12', {
      name: 'Điểm bản Pa Tần',
      status: VenueStatus.Shortlisted,
      candidateDates: [`${edition.year}-08-10`],
    });
    held = await createVenue(t.dataSource, edition, '12', { name: 'Điểm xã Nậm Hàng', scheduleOn: `${edition.year}-07-20`, status: VenueStatus.Held });
    for (const [category, description, plannedVnd] of [
      ['stage_sound_decor', 'Thuê sân khấu, âm thanh, ánh sáng', 30_000_000],
      ['gifts', 'Quà tặng hộ gia đình chính sách', 12_000_000],
    ] as const) {
      await api('post', `/venues/${held.id}/budget-lines`).send({ category, description, plannedVnd, fundingSource: 'provincial_budget' }).expect(201);
    }

    context = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    // Other suites count rows across the shared test database (budget lines, pending reminders, active
    // accounts): leave nothing of this suite that they would count.
    if (edition) {
      await t.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [planner.id]);
      await t.dataSource.query(`DELETE FROM budget_lines WHERE edition_id = $1`, [edition.id]);
      await t.dataSource.query(`UPDATE reminders SET status = 'cancelled' WHERE edition_id = $1 AND status = 'pending'`, [edition.id]);
    }
    await t?.close();
  });

  afterEach(() => {
    const seen = problems.splice(0);
    expect(seen).toEqual([]); // no script errors, nothing the CSP refused
  });

  it("a planner edits the edition's task template: a row's validation error and a dependency cycle show in place, then it is saved", async () => {
    const page = await openPage();
    await logIn(page, planner.email);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Mẫu công việc' }).click();
    const rows = page.getByTestId('template-row');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(11); // the built-in checklist until the edition has its own
    await page.getByTestId('template-default').waitFor();
    await expect(rows.nth(0).getByLabel('Công việc', { exact: true }).inputValue()).resolves.toBe('Xây dựng phương án bảo vệ');

    // A new row with a title too short: the API's message shows under that row's field.
    await page.getByRole('button', { name: 'Thêm dòng' }).click();
    const added = page.getByRole('row', { name: 'Dòng 12' });
    await added.getByLabel('Công việc', { exact: true }).fill('PC');
    await added.getByLabel('Đơn vị chủ trì').fill('Công an xã');
    await added.getByLabel('Số ngày so với ngày tổ chức').fill('-10');
    await page.getByRole('button', { name: 'Lưu mẫu công việc' }).click();
    const titleError = added.locator('[data-field="items.11.title"]');
    await titleError.waitFor();
    await expect(titleError.textContent()).resolves.toBe('quá ngắn');
    await expect(added.getAttribute('class')).resolves.toBe('clash');
    await expect(page.locator('.form-error').getAttribute('data-code')).resolves.toBe('VALIDATION_FAILED');
    await expect(rows.nth(0).locator('.field-error').count()).resolves.toBe(0); // only that row is marked
    await shot(page, '12-mau-cong-viec');

    // Fixed, its code follows the title; it waits for the security plan.
    await added.getByLabel('Công việc', { exact: true }).fill('Kiểm tra phòng cháy, chữa cháy');
    await expect(added.getByLabel('Mã').inputValue()).resolves.toBe('kiem-tra-phong-chay-chua-chay');
    await added.getByLabel('Thêm việc cần xong trước').selectOption({ label: 'Xây dựng phương án bảo vệ' });
    await expect(added.getByRole('list', { name: 'Làm sau các việc' }).textContent()).resolves.toContain('Xây dựng phương án bảo vệ');

    // The security plan waiting for it in turn closes a cycle: refused, the line it names is marked.
    const security = rows.nth(0);
    await security.getByLabel('Thêm việc cần xong trước').selectOption({ label: 'Kiểm tra phòng cháy, chữa cháy' });
    await page.getByRole('button', { name: 'Lưu mẫu công việc' }).click();
    await page.locator('.form-error[data-code="DEPENDENCY_CYCLE"]').waitFor();
    await expect(page.locator('.form-error').textContent()).resolves.toContain('vòng phụ thuộc');
    await expect(security.getAttribute('class')).resolves.toBe('clash');
    await security.getByRole('button', { name: 'Bỏ điều kiện: Kiểm tra phòng cháy, chữa cháy' }).click();

    // Reorder and remove rows, then save.
    await page.getByRole('button', { name: 'Chuyển dòng 12 lên' }).click();
    await expect(rows.nth(10).getByLabel('Mã').inputValue()).resolves.toBe('kiem-tra-phong-chay-chua-chay');
    await expect(rows.nth(9).getByLabel('Mã').inputValue()).resolves.toBe('bao-chi');
    await page.getByRole('button', { name: 'Xóa dòng 10' }).click();
    await expect(rows.count()).resolves.toBe(11);
    await expect(page.locator('.form-error').count()).resolves.toBe(0); // the old refusal pointed at rows that moved
    await page.getByRole('button', { name: 'Lưu mẫu công việc' }).click();
    await page.getByRole('status').getByText('Đã lưu mẫu công việc (11 công việc).').waitFor();
    await expect(page.getByTestId('template-default').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Lưu mẫu công việc' }).isDisabled()).resolves.toBe(true); // nothing left to save

    const { body: template } = await api('get', `/editions/${edition.id}/task-template`).expect(200);
    expect(template.isDefault).toBe(false);
    expect(template.items.map((item: { code: string }) => item.code)).toEqual([
      'phuong-an-bao-ve',
      'du-toan',
      'khen-thuong',
      'van-nghe',
      'le-tan',
      'san-khau',
      'dua-don',
      'qua-tang',
      'y-te',
      'kiem-tra-phong-chay-chua-chay',
      'tong-duyet',
    ]);
    expect(template.items[0].dependsOn).toEqual([]);
    expect(template.items[9]).toEqual({
      code: 'kiem-tra-phong-chay-chua-chay',
      title: 'Kiểm tra phòng cháy, chữa cháy',
      responsibleUnit: 'Công an xã',
      offsetDays: -10,
      weight: 1,
      dependsOn: ['phuong-an-bao-ve'],
    });

    // A reload shows what was stored.
    await page.reload();
    await expect(rows.nth(9).getByLabel('Công việc', { exact: true }).inputValue()).resolves.toBe('Kiểm tra phòng cháy, chữa cháy');

    // Another planner saves meanwhile: saving over the stale copy is refused, and a reload brings theirs.
    const path = `/api/editions/${edition.id}/task-template`;
    const theirs = template.items.map((item: { code: string; title: string }) =>
      item.code === 'y-te' ? { ...item, title: 'Bố trí tổ y tế và xe cứu thương' } : item,
    );
    // Saving over the template says which revision it read (428 without one).
    const saveTemplate = async (items: unknown) => {
      const { body: current } = await t.http.get(path).set('Authorization', `Bearer ${token}`).expect(200);
      await t.http.put(path).set('Authorization', `Bearer ${token}`).send({ items, revision: current.revision }).expect(200);
    };
    await saveTemplate(theirs);
    await rows.nth(0).getByLabel('Công việc', { exact: true }).fill('Phương án bảo vệ (bản sửa của tôi)');
    await page.getByRole('button', { name: 'Lưu mẫu công việc' }).click();
    await page.locator('.form-error[data-code="VERSION_CONFLICT"]').waitFor();
    await page.getByRole('button', { name: 'Tải lại danh mục mới nhất (bỏ các thay đổi của tôi)' }).click();
    await page.locator('.form-error').waitFor({ state: 'detached' }); // gone with the rows replaced
    await expect(rows.nth(8).getByLabel('Công việc', { exact: true }).inputValue()).resolves.toBe('Bố trí tổ y tế và xe cứu thương');
    await expect(rows.nth(0).getByLabel('Công việc', { exact: true }).inputValue()).resolves.toBe('Xây dựng phương án bảo vệ');
    await saveTemplate(template.items); // as the next test expects it
    await page.close();
  });

  it('on an approved venue a task is added by hand, a prerequisite added, a cycle refused on its card, the prerequisite removed, and a task edited in place', async () => {
    const page = await openPage();
    await logIn(page, planner.email);
    await page.goto(`${base}/diem/${shortlisted.id}`);
    await page.getByRole('button', { name: 'Phê duyệt' }).click();
    await page.getByTestId('venue-status').getByText('Được phê duyệt').waitFor();
    const cards = page.getByTestId('task-card');
    await cards.first().waitFor();
    // The checklist comes from the template as edited above.
    await expect(cards.count()).resolves.toBe(11);
    const fireSafety = prerequisites(card(page, 'Kiểm tra phòng cháy, chữa cháy'));
    await expect(fireSafety.count()).resolves.toBe(1);
    await expect(fireSafety.textContent()).resolves.toContain('Xây dựng phương án bảo vệ');
    await expect(card(page, 'Mời phóng viên, báo chí').count()).resolves.toBe(0);

    // A task by hand: the API's messages under the fields, a date that is not one refused in place.
    const form = page.getByRole('form', { name: 'Thêm công việc' });
    await form.getByRole('button', { name: 'Thêm công việc' }).click();
    await form.locator('[data-field="title"]').waitFor();
    await expect(form.locator('[data-field="responsibleUnit"]').textContent()).resolves.toBe('quá ngắn');
    await form.getByLabel('Tên công việc').fill('Dựng nhà bạt cho đại biểu');
    await form.getByLabel('Đơn vị chủ trì').fill('Đoàn Thanh niên xã');
    await form.getByLabel('Người phụ trách').fill('Đồng chí Lò Thị Mai');
    await form.getByLabel('Hạn (dd/mm/yyyy)').fill(`31/09/${edition.year}`);
    await form.getByRole('button', { name: 'Thêm công việc' }).click();
    await expect(form.locator('[data-field="dueDate"]').textContent()).resolves.toContain('dd/mm/yyyy');
    await expect(form.locator('[data-field="title"]').count()).resolves.toBe(0);
    await form.getByLabel('Hạn (dd/mm/yyyy)').fill(`05/08/${edition.year}`);
    await form.getByRole('button', { name: 'Thêm công việc' }).click();
    const tent = card(page, 'Dựng nhà bạt cho đại biểu');
    await tent.waitFor();
    await expect(tent.textContent()).resolves.toMatch(new RegExp(`Đoàn Thanh niên xã.*Đồng chí Lò Thị Mai.*05/08/${edition.year}`));
    await expect(cards.count()).resolves.toBe(12);
    await expect(form.getByLabel('Tên công việc').inputValue()).resolves.toBe(''); // ready for the next one

    // The tent waits for the stage; the stage waiting for the tent would be a cycle, refused on the stage's card.
    await tent.getByLabel('Thêm việc cần xong trước: Dựng nhà bạt cho đại biểu').selectOption({ label: 'Sân khấu, âm thanh, khánh tiết' });
    await prerequisites(tent).filter({ hasText: 'Sân khấu, âm thanh, khánh tiết' }).waitFor();
    const stage = card(page, 'Sân khấu, âm thanh, khánh tiết');
    await stage.getByLabel('Thêm việc cần xong trước: Sân khấu, âm thanh, khánh tiết').selectOption({ label: 'Dựng nhà bạt cho đại biểu' });
    const cycle = stage.locator('.form-error[data-code="DEPENDENCY_CYCLE"]');
    await cycle.waitFor();
    await expect(cycle.textContent()).resolves.toContain('không thể tạo vòng phụ thuộc');
    await expect(prerequisites(stage).count()).resolves.toBe(0);

    // Finishing the tent before the stage is refused on its card, the unfinished prerequisite marked.
    await tent.getByLabel('Chuyển trạng thái: Dựng nhà bạt cho đại biểu').selectOption('done');
    await tent.locator('.form-error[data-code="PREREQUISITES_NOT_DONE"]').waitFor();
    await expect(tent.locator('li.pending').textContent()).resolves.toContain('Sân khấu, âm thanh, khánh tiết');
    await shot(page, '13-dieu-kien-cong-viec');

    // Without the prerequisite it can be finished.
    await tent.getByRole('button', { name: 'Bỏ điều kiện: Sân khấu, âm thanh, khánh tiết' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Bỏ điều kiện', exact: true }).click(); // asked first
    await tent.getByRole('list', { name: 'Cần xong trước' }).waitFor({ state: 'detached' });
    await expect(tent.locator('.form-error').count()).resolves.toBe(0);
    await tent.getByLabel('Chuyển trạng thái: Dựng nhà bạt cho đại biểu').selectOption('done');
    await page.getByRole('region', { name: 'Đã xong' }).getByRole('article', { name: 'Dựng nhà bạt cho đại biểu' }).waitFor();
    const { body: tasks } = await api('get', `/venues/${shortlisted.id}/tasks`).expect(200);
    expect(tasks.find((task: { title: string }) => task.title === 'Dựng nhà bạt cho đại biểu')).toMatchObject({
      status: 'done',
      dueDate: `${edition.year}-08-05`,
      ownerName: 'Đồng chí Lò Thị Mai',
      prerequisiteIds: [],
    });

    // Title, owner and deadline edited on the card; an emptied title is refused under its field.
    const medical = card(page, 'Tổ y tế trực');
    await medical.getByRole('button', { name: 'Sửa' }).click();
    const edit = medical.getByRole('form', { name: 'Sửa công việc: Tổ y tế trực' });
    await edit.getByLabel('Tên công việc').fill('');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await expect(edit.locator('[data-field="title"]').textContent()).resolves.toBe('quá ngắn');
    await edit.getByLabel('Tên công việc').fill('Tổ y tế trực tại điểm');
    await edit.getByLabel('Người phụ trách').fill('Bác sĩ Nguyễn Văn An');
    await edit.getByLabel('Hạn (dd/mm/yyyy)').fill(`06/08/${edition.year}`);
    await edit.getByRole('button', { name: 'Lưu' }).click();
    const edited = card(page, 'Tổ y tế trực tại điểm');
    await edited.waitFor();
    await expect(edited.textContent()).resolves.toMatch(new RegExp(`Trung tâm y tế.*Bác sĩ Nguyễn Văn An.*06/08/${edition.year}`));
    await expect(edited.getByRole('form').count()).resolves.toBe(0); // saved: the card is back to reading
    await shot(page, '14-sua-cong-viec');

    // An emptied owner is cleared (the client sends null, as the document allows).
    await edited.getByRole('button', { name: 'Sửa' }).click();
    await edited.getByRole('form').getByLabel('Người phụ trách').fill('');
    await edited.getByRole('form').getByRole('button', { name: 'Lưu' }).click();
    await edited.getByRole('form').waitFor({ state: 'detached' });
    await expect(edited.textContent()).resolves.toContain('Chưa giao');
    await page.close();
  });

  it('after the festival a budget line is edited in place, planned then actual, and the totals follow', async () => {
    const page = await openPage();
    await logIn(page, planner.email);
    await page.goto(`${base}/diem/${held.id}`);
    const budget = page.getByTestId('budget-lines');
    await budget.getByRole('row', { name: 'Dòng kinh phí Thuê sân khấu, âm thanh, ánh sáng' }).waitFor();
    await expect(page.getByTestId('budget-planned-total').textContent()).resolves.toMatch(/42\.000\.000\s₫/);
    await expect(page.getByTestId('budget-actual-total').textContent()).resolves.toMatch(/^0\s₫$/);
    await page.getByTestId('tasks-board').or(page.getByText('Chưa có nhiệm vụ')).first().waitFor(); // the tasks have loaded
    await expect(page.getByRole('form', { name: 'Thêm công việc' }).count()).resolves.toBe(0); // a held venue's checklist is closed

    const stage = budget.getByRole('row', { name: 'Dòng kinh phí Thuê sân khấu, âm thanh, ánh sáng' });
    await stage.getByRole('button', { name: 'Sửa' }).click();
    await expect(stage.getByLabel('Dự toán (đồng)').inputValue()).resolves.toBe('30.000.000');
    await stage.getByLabel('Dự toán (đồng)').fill('35.000.000');
    await stage.getByRole('button', { name: 'Lưu' }).click();
    await page
      .getByTestId('budget-planned-total')
      .getByText(/47\.000\.000\s₫/)
      .waitFor();
    await expect(stage.getByRole('button', { name: 'Sửa' }).count()).resolves.toBe(1); // saved: back to reading

    // The actual cost once settled; what is not a whole number of đồng is refused under the field.
    await stage.getByRole('button', { name: 'Sửa' }).click();
    await stage.getByLabel('Thực chi (đồng)').fill('33,5 triệu');
    await stage.getByRole('button', { name: 'Lưu' }).click();
    await expect(stage.locator('[data-field="actualVnd"]').textContent()).resolves.toMatch(/số nguyên/);
    await expect(budget.locator('tr.row-error .form-error').getAttribute('data-code')).resolves.toBe('VALIDATION_FAILED');
    await stage.getByLabel('Thực chi (đồng)').fill('33.500.000');
    await stage.getByRole('button', { name: 'Lưu' }).click();
    await page
      .getByTestId('budget-actual-total')
      .getByText(/33\.500\.000\s₫/)
      .waitFor();
    await expect(stage.textContent()).resolves.toMatch(/35\.000\.000\s₫.*33\.500\.000\s₫/);
    await expect(page.getByTestId('budget-planned-total').textContent()).resolves.toMatch(/47\.000\.000\s₫/);
    await shot(page, '15-kinh-phi-thuc-chi');

    const { body: rollup } = await api('get', `/editions/${edition.id}/budget/provinces/12`).expect(200);
    expect(rollup.venues.find((venue: { venueId: string }) => venue.venueId === held.id)).toMatchObject({ planned: 47_000_000, actual: 33_500_000 });

    // The edition's budget page: the province's totals and the overspend list follow the edit.
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Kinh phí' }).click();
    const province = page.getByTestId('budget-provinces').getByRole('row', { name: 'Lai Châu' });
    await province.waitFor();
    await expect(province.textContent()).resolves.toMatch(/47\.000\.000\s₫.*33\.500\.000\s₫/);
    const summary = await page.getByTestId('budget-summary').textContent();
    expect(summary).toMatch(/47\.000\.000\s₫ dự toán/);
    expect(summary).toMatch(/-1\.500\.000\s₫ \(-4,3%\)/); // 33,5 tr spent against the 35 tr of the settled line
    await expect(page.getByText('Chưa có điểm nào chi vượt dự toán.').count()).resolves.toBe(1);
    await shot(page, '16-kinh-phi-dot');
    await page.close();
  });
});

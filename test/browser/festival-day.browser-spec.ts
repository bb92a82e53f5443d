/**
 * The festival day at phone width (issue 20): an organizer at the door (360 × 740) checks a guest in by
 * the typed pass code, then sets the venue's state ("lãnh đạo đã đến"); a planner's live board, open in
 * another browser, changes without a reload. The door's camera reads a pass's QR code from Chromium's
 * fake camera (a video file made here from the code's QR symbol); a refused camera is said in
 * Vietnamese and the typed code still works. In Chromium against the API booted in-process.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '@app/auth';
import type { User } from '@app/auth/user.entity';
import { passQrModules, todayInFestivalZone } from '@app/common';
import type { Edition } from '@app/editions/edition.entity';
import type { Venue } from '@app/venues/venue.entity';
import { createEdition, createUser, createVenue } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';
import { overflowOf, PHONE, seriousViolations } from './phone';

jest.setTimeout(120_000);

/**
 * A Y4M video (what Chromium's fake camera plays, looping) of a pass's QR code: 640 × 480, 4:2:0, the
 * symbol in black on white with its quiet zone, as a phone would see a letter held up to it.
 */
function qrVideo(code: string): string {
  const [width, height] = [640, 480];
  const modules = passQrModules(code);
  const size = modules.length + 8;
  const scale = Math.floor(440 / size);
  const left = Math.floor((width - size * scale) / 2);
  const top = Math.floor((height - size * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < size * scale; y++) {
    for (let x = 0; x < size * scale; x++) {
      const [row, column] = [Math.floor(y / scale) - 4, Math.floor(x / scale) - 4];
      if (modules[row]?.[column]) luma[(top + y) * width + left + x] = 16;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const file = join(mkdtempSync(join(tmpdir(), 'ngayhoi-camera-')), 'pass.y4m');
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]));
  return file;
}

describe('The festival day at the door and on the live board (Chromium, 360 px)', () => {
  let t: TestApp;
  let base: string;
  let planner: User;
  let organizer: User;
  let edition: Edition;
  let venue: Venue;
  const passes = new Map<string, string>();
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    ({ t, base } = await startConsole());
    planner = await createUser(t.dataSource, Role.CentralPlanner, null, { fullName: 'Trần Văn Trực Ban' });
    organizer = await createUser(t.dataSource, Role.ProvincialOrganizer, '12', { fullName: 'Lò Thị Đón Khách' });
    edition = await createEdition(t.dataSource, { theme: 'Toàn dân bảo vệ an ninh Tổ quốc (thử ngày hội)' });
    venue = await createVenue(t.dataSource, edition, '12', { name: 'Ngày hội tại bản Nậm Cang', scheduleOn: todayInFestivalZone() });
    const bearer = `Bearer ${await t.tokenFor(organizer)}`;
    for (const [name, title] of [
      ['Giàng A Tỉnh', 'Bí thư Tỉnh ủy'],
      ['Lò Văn Camera', 'Chủ tịch UBND xã'],
      ['Vàng Thị Gõ Mã', 'Trưởng bản'],
    ]) {
      await t.http.post(`/api/venues/${venue.id}/guests`).set('Authorization', bearer).send({ name, title, group: 'provincial_leader' }).expect(201);
    }
    const list = await t.http.get(`/api/venues/${venue.id}/guest-list`).set('Authorization', bearer).expect(200);
    for (const entry of list.body.entries as Array<{ name: string; passCode: string }>) passes.set(entry.name, entry.passCode);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    if (edition) await t.dataSource.query(`UPDATE users SET active = false WHERE id = ANY($1)`, [[planner.id, organizer.id]]);
    await t?.close();
  });

  afterEach(() => {
    const seen = problems.splice(0);
    expect(seen).toEqual([]);
  });

  async function browser(extraArgs: string[] = []): Promise<BrowserContext> {
    const context = await launchChromium(extraArgs);
    contexts.push(context);
    return context;
  }

  async function door(context: BrowserContext): Promise<Page> {
    const page = await watchedPage(context, problems);
    await page.setViewportSize(PHONE);
    await logInAs(page, base, organizer.email, edition.id);
    await page.goto(`${base}/diem/${venue.id}/diem-danh`);
    await page.getByRole('heading', { name: `Điểm danh: ${venue.name}` }).waitFor();
    return page;
  }

  it('checks a guest in by typed code on the phone, sets “lãnh đạo đã đến”, and the planner’s board changes without a reload', async () => {
    const board = await watchedPage(await browser(), problems);
    await logInAs(board, base, planner.email, edition.id);
    await board.getByRole('link', { name: 'Trực tiếp ngày hội' }).click();
    await board.getByTestId('day-board-live').filter({ hasText: 'Đang cập nhật trực tiếp.' }).waitFor();
    const line = board.getByTestId(`day-board-${venue.id}`);
    await line.filter({ hasText: 'Chưa bắt đầu' }).waitFor();
    await board.getByTestId('day-count-leader_arrived').filter({ hasText: 'Lãnh đạo đã đến: 0' }).waitFor();
    await board.evaluate(`window.__sameDocument = true`);

    const phone = await door(await browser());
    await phone.getByRole('textbox', { name: 'Mã thẻ' }).fill(passes.get('Giàng A Tỉnh')!.toLowerCase());
    await phone.getByRole('button', { name: 'Điểm danh', exact: true }).click();
    await phone.getByTestId('check-in-notice').filter({ hasText: 'Đã điểm danh: Giàng A Tỉnh — Bí thư Tỉnh ủy.' }).waitFor();
    await phone.getByTestId('check-in-count').filter({ hasText: 'Đã điểm danh 1/3 người' }).waitFor();

    await phone.getByTestId('day-state-current').filter({ hasText: 'Chưa bắt đầu' }).waitFor();
    await phone.getByRole('button', { name: 'Lãnh đạo đã đến' }).click();
    await phone.getByTestId('day-state-current').filter({ hasText: 'Lãnh đạo đã đến' }).waitFor();
    expect((await overflowOf(phone)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousViolations(phone)).toEqual([]);
    await shot(phone, 'festival-day-door-360');

    // The planner's board, in the other browser, follows: the same document (never reloaded).
    await line.filter({ hasText: 'Lãnh đạo đã đến' }).waitFor({ timeout: 15_000 });
    await board.getByTestId('day-count-leader_arrived').filter({ hasText: 'Lãnh đạo đã đến: 1' }).waitFor();
    await board.getByTestId('day-count-not_started').filter({ hasText: 'Chưa bắt đầu: 0' }).waitFor();
    expect(await board.evaluate<boolean>(`window.__sameDocument === true`)).toBe(true);
    await shot(board, 'festival-day-board');

    // The connection drops as the programme opens: the change waits on the phone and goes when it is back.
    await phone.context().setOffline(true);
    await phone.getByRole('button', { name: 'Đã khai mạc' }).click();
    await phone.getByTestId('day-state-waiting').filter({ hasText: 'Mất kết nối: “Đã khai mạc” đã lưu trên máy, sẽ tự gửi khi có mạng.' }).waitFor();
    await phone.context().setOffline(false);
    await phone.getByTestId('day-state-current').filter({ hasText: 'Đã khai mạc' }).waitFor({ timeout: 20_000 });
    await line.filter({ hasText: 'Đã khai mạc' }).waitFor({ timeout: 15_000 });

    // An incident needs its note; with it, the board shows the incident and the note.
    await phone.getByRole('button', { name: 'Sự cố' }).click();
    await phone.getByText('Báo sự cố cần ghi rõ nội dung sự cố.').waitFor();
    await phone.getByLabel('Ghi chú (bắt buộc khi báo sự cố)').fill('Mưa lớn, chuyển phần lễ vào hội trường');
    await phone.getByRole('button', { name: 'Sự cố' }).click();
    await phone.getByTestId('day-state-current').filter({ hasText: 'Sự cố' }).waitFor();
    await line.filter({ hasText: 'Mưa lớn, chuyển phần lễ vào hội trường' }).waitFor({ timeout: 15_000 });
    await board.getByTestId('day-count-incident').filter({ hasText: 'Sự cố: 1' }).waitFor();
    expect(await seriousViolations(board)).toEqual([]);

    // The organizer's own board on the phone: the province's point, the same state; it fits 360 px.
    await phone.getByRole('link', { name: 'Trực tiếp ngày hội' }).click();
    await phone.getByTestId(`day-board-${venue.id}`).filter({ hasText: 'Mưa lớn, chuyển phần lễ vào hội trường' }).waitFor();
    await phone.getByTestId('day-count-incident').filter({ hasText: 'Sự cố: 1' }).waitFor();
    expect((await overflowOf(phone)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousViolations(phone)).toEqual([]);
    await shot(phone, 'festival-day-board-360');
  });

  it('reads a pass’s QR code with the camera; a refused camera is said in Vietnamese and the typed code still works', async () => {
    const camera = qrVideo(passes.get('Lò Văn Camera')!);
    // A fake camera playing the QR video; no permission given yet: the browser refuses the camera.
    const context = await browser(['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${camera}`]);
    const phone = await door(context);
    await phone.getByRole('button', { name: 'Quét mã QR bằng camera' }).click();
    await phone
      .getByTestId('camera-refusal')
      .filter({ hasText: 'Không được phép dùng camera. Hãy cho phép trang này dùng camera trong cài đặt trình duyệt, hoặc nhập mã thẻ bên dưới.' })
      .waitFor();
    await phone.getByRole('textbox', { name: 'Mã thẻ' }).fill(passes.get('Vàng Thị Gõ Mã')!);
    await phone.getByRole('button', { name: 'Điểm danh', exact: true }).click();
    await phone.getByTestId('check-in-notice').filter({ hasText: 'Đã điểm danh: Vàng Thị Gõ Mã — Trưởng bản.' }).waitFor();
    expect((await overflowOf(phone)).scrollWidth).toBeLessThanOrEqual(PHONE.width);

    // Allowed, the camera reads the pass held up to it and checks its holder in, once.
    await context.grantPermissions(['camera'], { origin: base });
    await phone.getByRole('button', { name: 'Quét mã QR bằng camera' }).click();
    await phone.getByTestId('check-in-notice').filter({ hasText: 'Đã điểm danh: Lò Văn Camera — Chủ tịch UBND xã.' }).waitFor({ timeout: 20_000 });
    await phone.getByTestId('check-in-count').filter({ hasText: 'Đã điểm danh 3/3 người' }).waitFor();
    await shot(phone, 'festival-day-camera-360');
    await phone.getByRole('button', { name: 'Tắt camera' }).click();
    const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM check_ins WHERE venue_id = $1`, [venue.id]);
    expect(row.n).toBe(3);
  });
});

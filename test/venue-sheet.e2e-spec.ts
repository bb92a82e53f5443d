import { execFileSync } from 'node:child_process';
import { Role } from '@app/auth';
import { createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

/** The text a reader gets out of a PDF: poppler's pdftotext (Debian's poppler-utils), an independent reader. */
function pdfText(pdf: Buffer): string {
  // Lines wrapped by the layout read as one space, so a phrase is found wherever the line broke.
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8').replace(/\s+/g, ' ');
}

/**
 * Issue 18, printing: a venue's programme, checklist and guest list export to PDF, rendered on the
 * server (pdfkit and Noto Serif, as the giấy mời); the text reads back in Vietnamese; each reader
 * exports what they may read (viewers: no guest list; organizers: their province).
 */
describe('Venue sheet as PDF', () => {
  let t: TestApp;
  let planner: string;

  beforeAll(async () => {
    t = await createTestApp();
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
  });
  afterAll(() => t.close());

  const sheet = (venueId: string, token: string, parts?: string) =>
    t.http
      .get(`/api/venues/${venueId}/sheet.pdf`)
      .query(parts ? { parts } : {})
      .set('Authorization', token)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });

  it('prints the programme, checklist and guest list, readable text, for each reader what they may read', async () => {
    const edition = await createEdition(t.dataSource);
    const venue = await createVenue(t.dataSource, edition, '12', {
      name: 'Ngày hội bản Nậm Cang in thử',
      scheduleOn: `${edition.year}-08-12`,
      hours: ['07:00', '11:30'],
    });
    await t.http
      .post(`/api/venues/${venue.id}/programme`)
      .set('Authorization', planner)
      .send({ part: 'ceremony', title: 'Chào cờ, tuyên bố lý do', startTime: '07:30', endTime: '07:45', presenter: 'Trưởng bản Lò Văn Ướt' })
      .expect(201);
    await t.http
      .post(`/api/venues/${venue.id}/tasks`)
      .set('Authorization', planner)
      .send({ title: 'Dựng sân khấu, phông chữ', responsibleUnit: 'Đoàn thanh niên xã' })
      .expect(201);
    const leader = await createLeader(t.dataSource, { fullName: 'Đồng chí Nguyễn Thị Đảm Đang', position: 'Thứ trưởng Bộ Công an' });
    await t.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', planner).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);

    const answer = await sheet(venue.id, planner).expect(200);
    expect(answer.headers['content-type']).toBe('application/pdf');
    expect(answer.headers['content-disposition']).toMatch(/^attachment; filename="diem-to-chuc-[0-9a-f]{8}\.pdf"$/);
    const text = pdfText(answer.body as Buffer);
    for (const phrase of [
      'Ngày hội bản Nậm Cang in thử',
      'Bản Mới, Xã Thử Nghiệm, Lai Châu',
      `Ngày 12/08/${edition.year}, từ 07:00 đến 11:30`,
      'CHƯƠNG TRÌNH',
      '07:30–07:45',
      'Phần lễ: Chào cờ, tuyên bố lý do — Thực hiện: Trưởng bản Lò Văn Ướt',
      'DANH MỤC CÔNG VIỆC CHUẨN BỊ',
      'Dựng sân khấu, phông chữ — Đoàn thanh niên xã',
      'DANH SÁCH KHÁCH MỜI',
      'Đồng chí Nguyễn Thị Đảm Đang — Thứ trưởng Bộ Công an',
    ]) {
      expect(text).toContain(phrase);
    }

    // Only the parts asked for.
    const programmeOnly = pdfText((await sheet(venue.id, planner, 'programme').expect(200)).body as Buffer);
    expect(programmeOnly).toContain('Chào cờ, tuyên bố lý do');
    expect(programmeOnly).not.toContain('DANH MỤC CÔNG VIỆC');
    expect(programmeOnly).not.toContain('Đảm Đang');

    // A viewer exports what a viewer reads: no guest list by default, refused when asked for.
    const viewer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.Viewer))}`;
    const viewed = pdfText((await sheet(venue.id, viewer).expect(200)).body as Buffer);
    expect(viewed).toContain('Chào cờ, tuyên bố lý do');
    expect(viewed).toContain('Dựng sân khấu, phông chữ');
    expect(viewed).not.toContain('DANH SÁCH KHÁCH MỜI');
    expect(viewed).not.toContain('Đảm Đang');
    expect((await t.http.get(`/api/venues/${venue.id}/sheet.pdf?parts=guests`).set('Authorization', viewer).expect(403)).body.code).toBe('NEED_TO_KNOW');

    // Organizers: their own province's venue with its guests; another province's is refused.
    const own = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'))}`;
    expect(pdfText((await sheet(venue.id, own).expect(200)).body as Buffer)).toContain('Đồng chí Nguyễn Thị Đảm Đang');
    const elsewhere = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '01'))}`;
    expect((await t.http.get(`/api/venues/${venue.id}/sheet.pdf`).set('Authorization', elsewhere).expect(403)).body.code).toBe('PROVINCE_SCOPE');
    await t.http.get(`/api/venues/${venue.id}/sheet.pdf?parts=budget`).set('Authorization', planner).expect(400);
  });
});

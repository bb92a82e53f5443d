import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseContentDisposition } from 'content-disposition';
import { Role } from '@app/auth';
import { Edition } from '@app/editions/edition.entity';
import { Venue } from '@app/venues/venue.entity';
import { VenueStatus } from '@app/venues';
import { binary } from './utils/documents';
import { auditEntriesFor, createEdition, createUser, createVenue } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

/** A real 1×1 PNG, a tiny PDF, the start of a Windows executable, plain text. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Title (${text}) >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(256)]);
const LIMIT = 64 * 1024;

/**
 * Issue 20, documents: a venue's kịch bản, phương án an ninh, dự toán and photos — uploaded with a size
 * limit and a type recognised from the content, versions kept, for the province and planners only,
 * the bytes in PostgreSQL or in a directory, downloaded under their Vietnamese names.
 */
describe('Documents of a venue: upload limits, sniffed types, versions, need-to-know, both storages', () => {
  let t: TestApp;
  let directoryApp: TestApp;
  let directory: string;
  let edition: Edition;
  let venue: Venue;
  let planner: string;
  let organizer: string;
  let otherOrganizer: string;
  let viewer: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ngayhoi-documents-'));
    t = await createTestApp({ DOCUMENT_STORAGE: 'database', DOCUMENT_MAX_BYTES: String(LIMIT) });
    // The other storage, and a narrower list of types: PDF only.
    directoryApp = await createTestApp({ DOCUMENT_STORAGE: 'directory', DOCUMENT_DIR: directory, DOCUMENT_ALLOWED_TYPES: 'application/pdf' });
    edition = await createEdition(t.dataSource);
    venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-20` });
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    organizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12', { fullName: 'Lò Văn Tổ Chức' }))}`;
    otherOrganizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '14'))}`;
    viewer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.Viewer))}`;
  });
  afterAll(async () => {
    await t.close();
    await directoryApp.close();
    await rm(directory, { recursive: true, force: true });
  });

  const documentsOf = (target: Venue) => `/api/venues/${target.id}/documents`;

  async function storedCounts(target: Venue) {
    const [row] = await t.dataSource.query<Array<{ documents: number; versions: number; contents: number }>>(
      `SELECT (SELECT count(*)::int FROM venue_documents WHERE venue_id = $1) AS documents,
              (SELECT count(*)::int FROM venue_document_versions v JOIN venue_documents d ON d.id = v.document_id WHERE d.venue_id = $1) AS versions,
              (SELECT count(*)::int FROM venue_document_contents c JOIN venue_document_versions v ON v.id = c.version_id
                 JOIN venue_documents d ON d.id = v.document_id WHERE d.venue_id = $1) AS contents`,
      [target.id],
    );
    return row;
  }

  async function filesIn(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
  }

  it('keeps versions of a document of one kind and title, and gives each back under its Vietnamese name', async () => {
    const first = await t.http
      .post(documentsOf(venue))
      .set('Authorization', organizer)
      .field('kind', 'script')
      .field('title', 'Kịch bản chương trình')
      .attach('file', pdf('ban 1'), { filename: 'Kịch bản chương trình – bản 1.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(first.body).toMatchObject({ kind: 'script', kindName: 'Kịch bản', title: 'Kịch bản chương trình', latestVersion: 1 });
    expect(first.body.versions).toEqual([
      expect.objectContaining({
        number: 1,
        fileName: 'Kịch bản chương trình – bản 1.pdf',
        mediaType: 'application/pdf',
        sizeBytes: pdf('ban 1').length,
        uploadedByName: 'Lò Văn Tổ Chức',
      }),
    ]);

    // The same kind and title (other case and spacing): a second version of the same document.
    const second = await t.http
      .post(documentsOf(venue))
      .set('Authorization', planner)
      .field('kind', 'script')
      .field('title', '  kịch bản  CHƯƠNG trình ')
      .attach('file', pdf('ban 2'), { filename: 'Kịch bản (sửa lần 2).pdf' })
      .expect(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.latestVersion).toBe(2);
    expect(second.body.versions.map((version: { number: number }) => version.number)).toEqual([2, 1]);

    // Another kind with the same title is another document.
    await t.http
      .post(documentsOf(venue))
      .set('Authorization', organizer)
      .field('kind', 'security_plan')
      .field('title', 'Kịch bản chương trình')
      .attach('file', pdf('an ninh'), 'an-ninh.pdf')
      .expect(201);

    const list = (await t.http.get(documentsOf(venue)).set('Authorization', organizer).expect(200)).body;
    expect(list).toMatchObject({ venueId: venue.id, canUpload: true, maxBytes: LIMIT });
    expect(list.documents).toHaveLength(2);
    expect(list.documents.find((document: { id: string }) => document.id === first.body.id).versions).toHaveLength(2);

    for (const [number, fileName, content] of [
      [1, 'Kịch bản chương trình – bản 1.pdf', pdf('ban 1')],
      [2, 'Kịch bản (sửa lần 2).pdf', pdf('ban 2')],
    ] as const) {
      const download = await t.http
        .get(`${documentsOf(venue)}/${first.body.id}/versions/${number}`)
        .set('Authorization', organizer)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(Buffer.compare(download.body as Buffer, content)).toBe(0);
      const disposition = parseContentDisposition(download.headers['content-disposition']);
      expect(disposition.type).toBe('attachment');
      expect(disposition.parameters.filename).toBe(fileName);
      expect(download.headers['content-disposition']).toMatch(/filename\*=UTF-8''/);
    }
    await t.http
      .get(`${documentsOf(venue)}/${first.body.id}/versions/3`)
      .set('Authorization', organizer)
      .expect(404);

    const audit = await auditEntriesFor(t.dataSource, 'venue_document', first.body.id);
    // Who read which version is kept too (these documents hold security plans); the 404 recorded nothing.
    expect(audit.map((entry: { action: string }) => entry.action)).toEqual(['create', 'update', 'download', 'download']);
    expect(audit[1].note).toBe('Tải lên kịch bản “Kịch bản chương trình”, phiên bản 2 (Kịch bản (sửa lần 2).pdf)');
    expect(audit[2].note).toBe('Tải xuống kịch bản “Kịch bản chương trình”, phiên bản 1 (Kịch bản chương trình – bản 1.pdf)');
    expect(audit[3].note).toBe('Tải xuống kịch bản “Kịch bản chương trình”, phiên bản 2 (Kịch bản (sửa lần 2).pdf)');
    expect(audit[2].actor_id).toEqual(expect.any(String));
    expect(audit[3].actor_id).toBe(audit[2].actor_id);
  });

  it('recognises the type from the content: a PNG named .pdf is kept as a PNG, an executable named .pdf is refused (415), nothing stored', async () => {
    const target = await createVenue(t.dataSource, edition, '12');
    const photo = await t.http
      .post(documentsOf(target))
      .set('Authorization', organizer)
      .field('kind', 'photo')
      .field('title', 'Ảnh lễ khai mạc')
      .attach('file', PNG, { filename: 'anh.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(photo.body.versions[0]).toMatchObject({ fileName: 'anh.pdf', mediaType: 'image/png' });
    const download = await t.http
      .get(`${documentsOf(target)}/${photo.body.id}/versions/1`)
      .set('Authorization', planner)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(download.headers['content-type']).toBe('image/png');

    const before = await storedCounts(target);
    const exe = await t.http
      .post(documentsOf(target))
      .set('Authorization', organizer)
      .field('kind', 'estimate')
      .field('title', 'Dự toán kinh phí')
      .attach('file', EXE, { filename: 'Dự toán.pdf', contentType: 'application/pdf' })
      .expect(415);
    expect(exe.body).toMatchObject({
      code: 'DOCUMENT_TYPE_REFUSED',
      message: expect.stringMatching(/^Nội dung tệp là application\/x-msdownload, loại không được phép tải lên\. Chỉ nhận tệp PDF, JPEG, PNG/),
    });
    const text = await t.http
      .post(documentsOf(target))
      .set('Authorization', organizer)
      .field('kind', 'estimate')
      .field('title', 'Dự toán kinh phí')
      .attach('file', Buffer.from('Dự toán: 10.000.000 đồng'), { filename: 'du-toan.pdf', contentType: 'application/pdf' })
      .expect(415);
    expect(text.body).toMatchObject({ code: 'DOCUMENT_TYPE_UNKNOWN', message: expect.stringContaining('Không nhận dạng được loại tệp từ nội dung.') });
    expect(await storedCounts(target)).toEqual(before);
  });

  it('refuses an upload over the limit with 413 and keeps nothing', async () => {
    const target = await createVenue(t.dataSource, edition, '12');
    const big = Buffer.concat([pdf('lon'), Buffer.alloc(LIMIT + 1, 0x20)]);
    const refused = await t.http
      .post(documentsOf(target))
      .set('Authorization', organizer)
      .field('kind', 'estimate')
      .field('title', 'Dự toán')
      .attach('file', big, 'du-toan.pdf')
      .expect(413);
    expect(refused.body).toEqual({
      code: 'DOCUMENT_TOO_LARGE',
      message: 'Tệp vượt quá dung lượng cho phép (tối đa 64 KB). Không có gì được lưu.',
      details: { maxBytes: LIMIT },
    });
    expect(await storedCounts(target)).toEqual({ documents: 0, versions: 0, contents: 0 });
    // Just under the limit is fine.
    await t.http
      .post(documentsOf(target))
      .set('Authorization', organizer)
      .field('kind', 'estimate')
      .field('title', 'Dự toán')
      .attach('file', Buffer.concat([pdf('vua'), Buffer.alloc(LIMIT - 200, 0x20)]), 'du-toan.pdf')
      .expect(201);
    expect(await storedCounts(target)).toEqual({ documents: 1, versions: 1, contents: 1 });
  });

  it('answers with clear 400s for a missing file or a bad kind', async () => {
    const missing = await t.http.post(documentsOf(venue)).set('Authorization', organizer).field('kind', 'script').field('title', 'Không tệp').expect(400);
    expect(missing.body).toMatchObject({ code: 'DOCUMENT_FILE_MISSING', message: 'Chưa chọn tệp để tải lên.' });
    const badKind = await t.http
      .post(documentsOf(venue))
      .set('Authorization', organizer)
      .field('kind', 'video')
      .field('title', 'Phim')
      .attach('file', pdf('x'), 'x.pdf')
      .expect(400);
    expect(badKind.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'kind' })] });
  });

  it('shows a venue’s documents to its province and planners only: another province and viewers get 403', async () => {
    const list = (await t.http.get(documentsOf(venue)).set('Authorization', planner).expect(200)).body;
    const document = list.documents[0];
    const download = `${documentsOf(venue)}/${document.id}/versions/1`;
    const reads = async () =>
      (await auditEntriesFor(t.dataSource, 'venue_document', document.id)).filter((entry: { action: string }) => entry.action === 'download').length;
    const readsBefore = await reads();
    for (const outsider of [otherOrganizer, viewer]) {
      await t.http.get(documentsOf(venue)).set('Authorization', outsider).expect(403);
      await t.http.get(download).set('Authorization', outsider).expect(403);
    }
    const other = await t.http.get(documentsOf(venue)).set('Authorization', otherOrganizer).expect(403);
    expect(other.body).toMatchObject({ code: 'PROVINCE_SCOPE' });
    const seen = await t.http.get(download).set('Authorization', viewer).expect(403);
    expect(seen.body).toMatchObject({ code: 'DOCUMENT_SCOPE' });
    // A refused download leaves no trace of a read that did not happen; an allowed one does.
    expect(await reads()).toBe(readsBefore);
    await t.http.get(download).set('Authorization', planner).expect(200);
    expect(await reads()).toBe(readsBefore + 1);
    const before = await storedCounts(venue);
    await t.http
      .post(documentsOf(venue))
      .set('Authorization', otherOrganizer)
      .field('kind', 'script')
      .field('title', 'Kịch bản chương trình')
      .attach('file', pdf('la'), 'la.pdf')
      .expect(403);
    await t.http
      .post(documentsOf(venue))
      .set('Authorization', viewer)
      .field('kind', 'script')
      .field('title', 'X')
      .attach('file', pdf('la'), 'la.pdf')
      .expect(403);
    expect(await storedCounts(venue)).toEqual(before);
  });

  it('keeps the bytes in a directory with DOCUMENT_STORAGE=directory, reads older database versions, and refuses types not configured', async () => {
    const target = await createVenue(directoryApp.dataSource, edition, '12');
    const token = `Bearer ${await directoryApp.tokenFor(await createUser(directoryApp.dataSource, Role.ProvincialOrganizer, '12'))}`;
    // Written by the database-storage app first, then a second version through the directory app.
    const first = await t.http
      .post(documentsOf(target))
      .set('Authorization', token)
      .field('kind', 'security_plan')
      .field('title', 'Phương án an ninh')
      .attach('file', pdf('db'), 'Phương án an ninh.pdf')
      .expect(201);
    const second = await directoryApp.http
      .post(documentsOf(target))
      .set('Authorization', token)
      .field('kind', 'security_plan')
      .field('title', 'Phương án an ninh')
      .attach('file', pdf('thu muc'), 'Phương án an ninh (bản 2).pdf')
      .expect(201);
    expect(second.body).toMatchObject({ id: first.body.id, latestVersion: 2 });
    expect(await storedCounts(target)).toEqual({ documents: 1, versions: 2, contents: 1 });
    const [{ id: versionId, storage }] = await directoryApp.dataSource.query(
      `SELECT id, storage FROM venue_document_versions WHERE document_id = $1 AND number = 2`,
      [first.body.id],
    );
    expect(storage).toBe('directory');
    expect(await readFile(join(directory, versionId.slice(0, 2), versionId))).toEqual(pdf('thu muc'));

    for (const [number, content, name] of [
      [1, pdf('db'), 'Phương án an ninh.pdf'],
      [2, pdf('thu muc'), 'Phương án an ninh (bản 2).pdf'],
    ] as const) {
      const download = await directoryApp.http
        .get(`${documentsOf(target)}/${first.body.id}/versions/${number}`)
        .set('Authorization', token)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(Buffer.compare(download.body as Buffer, content)).toBe(0);
      expect(parseContentDisposition(download.headers['content-disposition']).parameters.filename).toBe(name);
    }

    // Only PDF is configured here: a real PNG is refused, and no file is left behind.
    const filesBefore = await filesIn(directory);
    const png = await directoryApp.http
      .post(documentsOf(target))
      .set('Authorization', token)
      .field('kind', 'photo')
      .field('title', 'Ảnh')
      .attach('file', PNG, 'anh.png')
      .expect(415);
    expect(png.body).toMatchObject({ code: 'DOCUMENT_TYPE_REFUSED', message: 'Nội dung tệp là PNG, loại không được phép tải lên. Chỉ nhận tệp PDF.' });
    expect(await filesIn(directory)).toEqual(filesBefore);
    expect(await storedCounts(target)).toEqual({ documents: 1, versions: 2, contents: 1 });
  });

  it('refuses an upload to a cancelled venue (409) and keeps no row and no file', async () => {
    const target = await createVenue(directoryApp.dataSource, edition, '12', { status: VenueStatus.Cancelled });
    const token = `Bearer ${await directoryApp.tokenFor(await createUser(directoryApp.dataSource, Role.CentralPlanner))}`;
    const filesBefore = await filesIn(directory);
    const refused = await directoryApp.http
      .post(documentsOf(target))
      .set('Authorization', token)
      .field('kind', 'script')
      .field('title', 'Kịch bản')
      .attach('file', pdf('huy'), 'huy.pdf')
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'VENUE_FINAL' });
    expect(await filesIn(directory)).toEqual(filesBefore);
    expect(await storedCounts(target)).toEqual({ documents: 0, versions: 0, contents: 0 });
  });
});

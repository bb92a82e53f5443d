import { Role } from '@app/auth';
import { Edition } from '@app/editions/edition.entity';
import { createEdition, createUser, createVenue } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

describe('Programmes', () => {
  let t: TestApp;
  let edition: Edition;
  let planner: string;
  let organizer: string;

  beforeAll(async () => {
    t = await createTestApp();
    edition = await createEdition(t.dataSource);
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    organizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '14'))}`;
  });
  afterAll(() => t.close());

  it('lays the edition template out from the venue start time, in local time', async () => {
    const venue = await createVenue(t.dataSource, edition, '14', { scheduleOn: `${edition.year}-08-08`, hours: ['07:30', '11:30'] });
    const template = await t.http.get(`/api/editions/${edition.id}/programme-template`).set('Authorization', organizer).expect(200);
    expect(template.body.isDefault).toBe(true);
    expect(template.body.items[0]).toEqual({ part: 'ceremony', title: 'Văn nghệ chào mừng', durationMinutes: 15 });

    const { body: items } = await t.http.post(`/api/venues/${venue.id}/programme/from-template`).set('Authorization', organizer).send({}).expect(201);
    expect(items).toHaveLength(template.body.items.length);
    expect(items[0]).toMatchObject({ title: 'Văn nghệ chào mừng', startTime: '07:30', endTime: '07:45' });
    expect(items[1]).toMatchObject({ title: 'Chào cờ', startTime: '07:45', endTime: '07:50' });
    expect(items.at(-1)).toMatchObject({ title: 'Diễn đàn "Công an lắng nghe ý kiến Nhân dân"', endTime: '10:40' });

    const again = await t.http.post(`/api/venues/${venue.id}/programme/from-template`).set('Authorization', organizer).send({}).expect(409);
    expect(again.body.code).toBe('PROGRAMME_NOT_EMPTY');
  });

  it('rejects an overlapping item and one outside the venue day, naming the clash', async () => {
    const venue = await createVenue(t.dataSource, edition, '14', { scheduleOn: `${edition.year}-08-09`, hours: ['07:00', '11:00'] });
    const add = (body: Record<string, unknown>) =>
      t.http
        .post(`/api/venues/${venue.id}/programme`)
        .set('Authorization', organizer)
        .send({ part: 'ceremony', ...body });

    const { body: first } = await add({ title: 'Chào cờ', startTime: '07:00', endTime: '07:10' }).expect(201);
    await add({ title: 'Tuyên bố lý do', startTime: '07:10', endTime: '07:20' }).expect(201); // touching is fine

    const overlap = await add({ title: 'Văn nghệ', startTime: '07:05', endTime: '07:30' }).expect(422);
    expect(overlap.body).toMatchObject({
      code: 'PROGRAMME_OVERLAP',
      details: { conflictsWith: { id: first.id, title: 'Chào cờ', startTime: '07:00', endTime: '07:10' } },
    });
    expect(overlap.body.message).toContain('trùng thời gian');

    const late = await add({ title: 'Văn nghệ tối', startTime: '10:30', endTime: '11:30' }).expect(422);
    expect(late.body).toMatchObject({ code: 'PROGRAMME_OUTSIDE_VENUE_DAY', details: { venueHours: { startTime: '07:00', endTime: '11:00' } } });

    const backwards = await add({ title: 'Ngược giờ', startTime: '09:00', endTime: '08:00' }).expect(422);
    expect(backwards.body.code).toBe('TIMES_NOT_ORDERED');

    // Moving an item onto another is an overlap too; its own old slot is not.
    await t.http
      .patch(`/api/venues/${venue.id}/programme/${first.id}`)
      .set('Authorization', organizer)
      .send({ version: 1, startTime: '07:15', endTime: '07:25' })
      .expect(422);
    const moved = await t.http
      .patch(`/api/venues/${venue.id}/programme/${first.id}`)
      .set('Authorization', organizer)
      .send({ version: 1, endTime: '07:05' })
      .expect(200);
    expect(moved.body).toMatchObject({ startTime: '07:00', endTime: '07:05', version: 2 });

    const listed = await t.http.get(`/api/venues/${venue.id}/programme`).set('Authorization', organizer).expect(200);
    expect(listed.body.map((item: { title: string }) => item.title)).toEqual(['Chào cờ', 'Tuyên bố lý do']);

    await t.http.delete(`/api/venues/${venue.id}/programme/${first.id}`).query({ version: 1 }).set('Authorization', organizer).expect(409);
    await t.http.delete(`/api/venues/${venue.id}/programme/${first.id}`).query({ version: 2 }).set('Authorization', organizer).expect(204);
  });

  it('refuses a reschedule that would leave programme items outside the new hours', async () => {
    const venue = await createVenue(t.dataSource, edition, '14', { scheduleOn: `${edition.year}-08-10`, hours: ['07:00', '11:00'] });
    await t.http
      .post(`/api/venues/${venue.id}/programme`)
      .set('Authorization', planner)
      .send({ part: 'festivities', title: 'Thể thao', startTime: '10:00', endTime: '10:45' })
      .expect(201);
    const refused = await t.http
      .post(`/api/venues/${venue.id}/transitions`)
      .set('Authorization', planner)
      .send({ to: 'scheduled', version: venue.version, date: `${edition.year}-08-11`, startTime: '07:00', endTime: '10:00' })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'PROGRAMME_OUTSIDE_HOURS', details: { items: [{ title: 'Thể thao', startTime: '10:00', endTime: '10:45' }] } });
    await t.http
      .post(`/api/venues/${venue.id}/transitions`)
      .set('Authorization', planner)
      .send({ to: 'scheduled', version: venue.version, date: `${edition.year}-08-11`, startTime: '07:30', endTime: '11:00' })
      .expect(200);
  });

  it('lets planners edit the edition template, which new programmes then follow', async () => {
    const own = await createEdition(t.dataSource);
    const items = [
      { part: 'ceremony', title: 'Chào cờ', durationMinutes: 10 },
      { part: 'festivities', title: 'Trò chơi dân gian', durationMinutes: 60 },
    ];
    await t.http.put(`/api/editions/${own.id}/programme-template`).set('Authorization', organizer).send({ items }).expect(403);
    const read = await t.http.get(`/api/editions/${own.id}/programme-template`).set('Authorization', planner).expect(200);
    // Replacing the template says which revision it read: none is 428, one changed since 409.
    const blind = await t.http.put(`/api/editions/${own.id}/programme-template`).set('Authorization', planner).send({ items }).expect(428);
    expect(blind.body).toMatchObject({ code: 'VERSION_REQUIRED', details: { field: 'revision' } });
    const saved = await t.http
      .put(`/api/editions/${own.id}/programme-template`)
      .set('Authorization', planner)
      .send({ items, revision: read.body.revision })
      .expect(200);
    expect(saved.body).toEqual({ editionId: own.id, isDefault: false, revision: expect.stringMatching(/^[0-9a-f]{16}$/), items });
    expect(saved.body.revision).not.toBe(read.body.revision);
    const stale = await t.http
      .put(`/api/editions/${own.id}/programme-template`)
      .set('Authorization', planner)
      .send({ items: items.slice(0, 1), revision: read.body.revision })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentRevision: saved.body.revision } });

    const venue = await createVenue(t.dataSource, own, '14');
    const noStart = await t.http.post(`/api/venues/${venue.id}/programme/from-template`).set('Authorization', planner).send({}).expect(422);
    expect(noStart.body.code).toBe('START_TIME_REQUIRED');
    const laid = await t.http.post(`/api/venues/${venue.id}/programme/from-template`).set('Authorization', planner).send({ startTime: '08:00' }).expect(201);
    expect(laid.body.map((item: { startTime: string; endTime: string }) => `${item.startTime}-${item.endTime}`)).toEqual(['08:00-08:10', '08:10-09:10']);
  });
});

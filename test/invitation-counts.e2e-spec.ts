import { Role } from '@app/auth';
import { createEdition, createUser, createVenue } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * Issue 18, speed at national scale: the invitations page counts per status on the server and pages the
 * list there (filtered by status), instead of reading the whole edition into the browser.
 */
describe('Invitation counts and the paged list', () => {
  let t: TestApp;
  let planner: string;

  beforeAll(async () => {
    t = await createTestApp();
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
  });
  afterAll(() => t.close());

  it('counts an edition’s invitations (or a venue’s) per status in the workflow’s order, and pages them by status', async () => {
    const edition = await createEdition(t.dataSource);
    const venues = [
      await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-07` }),
      await createVenue(t.dataSource, edition, '66', { scheduleOn: `${edition.year}-08-09` }),
    ];
    const ids: string[] = [];
    for (const [index, venue] of [venues[0], venues[0], venues[1]].entries()) {
      const created = await t.http
        .post('/api/invitations')
        .set('Authorization', planner)
        .send({
          venueId: venue.id,
          delegate: { name: `Đại biểu thử số ${index}`, email: `dai-bieu-${index}-${venue.id.slice(0, 8)}@vanphong.example.vn` },
          role: 'accompanying',
        })
        .expect(201);
      ids.push(created.body.id);
    }
    await t.dataSource.query(`UPDATE invitations SET status = 'withdrawn', withdrawn_reason = 'Thử đếm' WHERE id = $1`, [ids[2]]);

    const counts = (query: Record<string, string>, token = planner) => t.http.get('/api/invitations/counts').query(query).set('Authorization', token);
    expect((await counts({ editionId: edition.id }).expect(200)).body).toEqual([
      { status: 'draft', count: 2 },
      { status: 'withdrawn', count: 1 },
    ]);
    expect((await counts({ editionId: edition.id, venueId: venues[1].id }).expect(200)).body).toEqual([{ status: 'withdrawn', count: 1 }]);
    await counts({}).expect(400);
    const organizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'))}`;
    await counts({ editionId: edition.id }, organizer).expect(403);

    const page = (query: Record<string, string | number>) =>
      t.http
        .get('/api/invitations')
        .query({ editionId: edition.id, ...query })
        .set('Authorization', planner)
        .expect(200);
    const drafts = (await page({ status: 'draft', pageSize: 1 })).body;
    expect(drafts.total).toBe(2);
    const next = (await page({ status: 'draft', pageSize: 1, page: 2 })).body;
    expect([drafts.items[0].id, next.items[0].id].sort()).toEqual([ids[0], ids[1]].sort());
  });
});

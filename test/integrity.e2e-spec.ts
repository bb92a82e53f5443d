import { Role } from '@app/auth';
import { createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

/** Issue 16, item 12: what the database itself guarantees, and changes that must say what they read. */
describe('Integrity: append-only audit, task owners, versions on every replace and remove', () => {
  let t: TestApp;
  let planner: string;

  beforeAll(async () => {
    t = await createTestApp();
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
  });
  afterAll(() => t.close());

  it('keeps the audit log append-only in the database: inserts pass, updates and deletes are refused', async () => {
    const entityId = `append-only-${Date.now()}`;
    await t.dataSource.query(
      `INSERT INTO audit_entries (actor_email, entity_type, entity_id, action, changes) VALUES ('a@b.vn', 'venue', $1, 'update', '{"name":{"before":"A","after":"B"}}')`,
      [entityId],
    );
    await expect(t.dataSource.query(`UPDATE audit_entries SET actor_email = 'someone-else@b.vn' WHERE entity_id = $1`, [entityId])).rejects.toThrow(
      /audit_entries is append-only: UPDATE/,
    );
    await expect(t.dataSource.query(`DELETE FROM audit_entries WHERE entity_id = $1`, [entityId])).rejects.toThrow(/audit_entries is append-only: DELETE/);
    const [row] = await t.dataSource.query(`SELECT actor_email FROM audit_entries WHERE entity_id = $1`, [entityId]);
    expect(row).toEqual({ actor_email: 'a@b.vn' });
  });

  it('accepts only an existing account as a task owner (a real foreign key)', async () => {
    const edition = await createEdition(t.dataSource);
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-11` });
    const owner = await createUser(t.dataSource, Role.ProvincialOrganizer, '12');
    const task = { title: 'Bố trí điểm đỗ xe', responsibleUnit: 'Công an xã' };
    const nobody = await t.http
      .post(`/api/venues/${venue.id}/tasks`)
      .set('Authorization', planner)
      .send({ ...task, ownerUserId: '00000000-0000-4000-8000-000000000001' })
      .expect(422);
    expect(nobody.body.code).toBe('REFERENCE_NOT_FOUND');
    const created = await t.http
      .post(`/api/venues/${venue.id}/tasks`)
      .set('Authorization', planner)
      .send({ ...task, ownerUserId: owner.id })
      .expect(201);
    const moved = await t.http
      .patch(`/api/venues/${venue.id}/tasks/${created.body.id}`)
      .set('Authorization', planner)
      .send({ version: created.body.version, ownerUserId: '00000000-0000-4000-8000-000000000002' })
      .expect(422);
    expect(moved.body.code).toBe('REFERENCE_NOT_FOUND');
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM venue_tasks WHERE owner_user_id = $1`, [owner.id]);
    expect(count).toBe(1);
  });

  it('answers 428 to a replace or remove that does not say which version it read, and 409 to a stale one', async () => {
    const edition = await createEdition(t.dataSource);
    const venue = await createVenue(t.dataSource, edition, '66', { scheduleOn: `${edition.year}-08-12` });
    const required = (response: { status: number; body: { code: string } }) => {
      expect(response.status).toBe(428);
      expect(response.body.code).toBe('VERSION_REQUIRED');
    };

    // Programme item.
    const item = await t.http
      .post(`/api/venues/${venue.id}/programme`)
      .set('Authorization', planner)
      .send({ part: 'ceremony', title: 'Chào cờ', startTime: '07:30', endTime: '07:40' })
      .expect(201);
    required(await t.http.delete(`/api/venues/${venue.id}/programme/${item.body.id}`).set('Authorization', planner));
    await t.http.delete(`/api/venues/${venue.id}/programme/${item.body.id}`).query({ version: item.body.version }).set('Authorization', planner).expect(204);

    // Task template: the revision read.
    const template = await t.http.get(`/api/editions/${edition.id}/task-template`).set('Authorization', planner).expect(200);
    const lines = template.body.items.slice(0, 1).map((line: object) => ({ ...line, dependsOn: [] }));
    required(await t.http.put(`/api/editions/${edition.id}/task-template`).set('Authorization', planner).send({ items: lines }));
    await t.http
      .put(`/api/editions/${edition.id}/task-template`)
      .set('Authorization', planner)
      .send({ items: lines, revision: template.body.revision })
      .expect(200);

    // Reminder policy: free to create, then only with its version.
    const policy = await t.http.put(`/api/editions/${edition.id}/reminder-policy`).set('Authorization', planner).send({ escalationHours: 12 }).expect(200);
    required(await t.http.put(`/api/editions/${edition.id}/reminder-policy`).set('Authorization', planner).send({ escalationHours: 6 }));
    await t.http
      .put(`/api/editions/${edition.id}/reminder-policy`)
      .set('Authorization', planner)
      .send({ escalationHours: 6, version: policy.body.version + 1 })
      .expect(409);
    await t.http
      .put(`/api/editions/${edition.id}/reminder-policy`)
      .set('Authorization', planner)
      .send({ escalationHours: 6, version: policy.body.version })
      .expect(200);

    // Participation: free to add, then only with its version; a version for one removed meanwhile is stale.
    const leader = await createLeader(t.dataSource, { fullName: 'Đặng Văn Hùng' });
    const path = `/api/editions/${edition.id}/leaders/${leader.id}`;
    const added = await t.http.put(path).set('Authorization', planner).send({ title: 'Bộ trưởng' }).expect(200);
    required(await t.http.put(path).set('Authorization', planner).send({ title: 'Thứ trưởng' }));
    const edited = await t.http.put(path).set('Authorization', planner).send({ title: 'Thứ trưởng', version: added.body.version }).expect(200);
    required(await t.http.delete(path).set('Authorization', planner));
    await t.http.delete(path).query({ version: edited.body.version }).set('Authorization', planner).expect(204);
    await t.http.put(path).set('Authorization', planner).send({ title: 'Bộ trưởng', version: edited.body.version }).expect(409);
  });
});

import { Role } from '@app/auth';
import { createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * Issue 18, finding things: one search across venues, leaders, tasks and invitations, insensitive to
 * diacritics and case, paged by the API, need-to-know kept (organizers: their province, no leaders).
 */
describe('Search: diacritics and case folded, paged, need-to-know', () => {
  let t: TestApp;
  let planner: string;
  let organizer: string;
  let viewer: string;

  beforeAll(async () => {
    t = await createTestApp();
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    organizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'))}`;
    viewer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.Viewer))}`;
  });
  afterAll(() => t.close());

  const search = (token: string, query: Record<string, string | number>) => t.http.get('/api/search').query(query).set('Authorization', token);
  const names = (page: { items: Array<{ name?: string; fullName?: string; title?: string; delegateName?: string }> } | null) =>
    (page?.items ?? []).map((item) => item.name ?? item.fullName ?? item.title ?? item.delegateName);

  it('finds "Lai Châu" for "lai chau" and "LAI CHAU" (by province and by name), "Đ" for "d", across every kind', async () => {
    const edition = await createEdition(t.dataSource);
    const inLaiChau = await createVenue(t.dataSource, edition, '12', { name: 'Ngày hội bản Nậm Cang' });
    const namedLaiChau = await createVenue(t.dataSource, edition, '79', { name: 'Điểm giao lưu đồng hương Lai Châu', scheduleOn: `${edition.year}-08-10` });
    const elsewhere = await createVenue(t.dataSource, edition, '79', { name: 'Ngày hội phường Bến Thành' });
    const leader = await createLeader(t.dataSource, { fullName: `Đặng Thị Hồng Lai Châu ${edition.year}` });
    await t.http
      .post(`/api/venues/${inLaiChau.id}/tasks`)
      .set('Authorization', planner)
      .send({ title: 'Khảo sát đường vào bản Lai Châu', responsibleUnit: 'Công an xã' })
      .expect(201);
    await t.http
      .post('/api/invitations')
      .set('Authorization', planner)
      .send({ venueId: namedLaiChau.id, role: 'chief_guest', delegate: { name: 'Đoàn Văn Lai Châu', email: `lai-${edition.year}@vanphong.example.vn` } })
      .expect(201);

    for (const q of ['lai chau', 'LAI CHAU', 'Lai Châu', '  lai   CHÂU ']) {
      const body = (await search(planner, { editionId: edition.id, q }).expect(200)).body;
      expect(names(body.venues).sort()).toEqual([inLaiChau.name, namedLaiChau.name].sort());
      expect(names(body.venues)).not.toContain(elsewhere.name);
      expect(names(body.leaders)).toContain(leader.fullName);
      expect(names(body.tasks)).toEqual(['Khảo sát đường vào bản Lai Châu']);
      expect(body.tasks.items[0]).toMatchObject({ venueId: inLaiChau.id, venueName: inLaiChau.name, provinceCode: '12' });
      expect(names(body.invitations)).toEqual(['Đoàn Văn Lai Châu']);
    }
    // đ/Đ fold to d; the venue list's own filter is the same search.
    const dang = (await search(planner, { editionId: edition.id, q: 'dang thi hong' }).expect(200)).body;
    expect(names(dang.leaders)).toContain(leader.fullName);
    const list = (await t.http.get('/api/venues').query({ editionId: edition.id, q: 'DIEM GIAO LUU' }).set('Authorization', planner).expect(200)).body;
    expect(names(list)).toEqual([namedLaiChau.name]);
    // LIKE wildcards typed by the user are plain characters.
    expect((await search(planner, { editionId: edition.id, q: '%_' }).expect(200)).body.venues.total).toBe(0);
  });

  it('pages each kind by the API: one kind at a time, with the total', async () => {
    const edition = await createEdition(t.dataSource);
    for (let index = 0; index < 5; index += 1) await createVenue(t.dataSource, edition, '12', { name: `Điểm Sìn Hồ số ${index + 1}` });
    const first = (await search(planner, { editionId: edition.id, q: 'sin ho', kind: 'venue', pageSize: 2 }).expect(200)).body;
    expect(first).toMatchObject({ leaders: null, tasks: null, invitations: null });
    expect(first.venues).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(first.venues.items).toHaveLength(2);
    const last = (await search(planner, { editionId: edition.id, q: 'sin ho', kind: 'venue', pageSize: 2, page: 3 }).expect(200)).body;
    expect(last.venues.items).toHaveLength(1);
    const seen = new Set([...names(first.venues), ...names(last.venues)]);
    expect(seen.size).toBe(3);
  });

  it('keeps need-to-know: an organizer finds only their province and no leaders or invitations; a viewer no invitations', async () => {
    const edition = await createEdition(t.dataSource);
    const own = await createVenue(t.dataSource, edition, '12', { name: 'Ngày hội Phong Thổ', status: 'approved' as never });
    const other = await createVenue(t.dataSource, edition, '79', { name: 'Ngày hội Phong Phú', status: 'approved' as never });
    for (const venue of [own, other]) {
      await t.http
        .post(`/api/venues/${venue.id}/tasks`)
        .set('Authorization', planner)
        .send({ title: 'Chuẩn bị sân khấu Phong', responsibleUnit: 'Đoàn thanh niên' })
        .expect(201);
    }
    await createLeader(t.dataSource, { fullName: `Phong Văn Bí Mật ${edition.id.slice(0, 6)}` });

    const mine = (await search(organizer, { editionId: edition.id, q: 'phong' }).expect(200)).body;
    expect(names(mine.venues)).toEqual([own.name]);
    expect(mine.tasks.items.map((task: { venueId: string }) => task.venueId)).toEqual([own.id]);
    expect(mine.leaders).toBeNull();
    expect(mine.invitations).toBeNull();

    const viewed = (await search(viewer, { editionId: edition.id, q: 'phong' }).expect(200)).body;
    expect(names(viewed.venues).sort()).toEqual([own.name, other.name].sort());
    expect(viewed.leaders.items.length).toBeGreaterThan(0);
    expect(viewed.invitations).toBeNull();
  });

  it('refuses a query too short or without an edition', async () => {
    await search(planner, { q: 'lai chau' }).expect(400);
    const edition = await createEdition(t.dataSource);
    await search(planner, { editionId: edition.id, q: 'l' }).expect(400);
  });
});

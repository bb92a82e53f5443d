import { Role } from '@app/auth';
import { clusterPoints } from '@app/venues/venue-cluster-rules';
import { createEdition, createUser, createVenue } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * Issue 18, speed at national scale: the overview map's markers clustered on the server — per grid cell
 * of the zoom level, a count and mean position (the venue itself when alone); filters and need-to-know
 * as the venue list.
 */
describe('Venue map clusters', () => {
  let t: TestApp;
  let planner: string;

  beforeAll(async () => {
    t = await createTestApp();
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
  });
  afterAll(() => t.close());

  const clusters = (token: string, query: Record<string, string | number>) => t.http.get('/api/venues/clusters').query(query).set('Authorization', token);

  it('groups near venues into one marker at low zoom and splits them when zoomed in; keeps a lone venue as itself', async () => {
    const edition = await createEdition(t.dataSource);
    // Three venues within a few hundred metres in Lai Châu, one in Hồ Chí Minh City.
    for (const [latitude, longitude] of [
      [22.3964, 103.4582],
      [22.3981, 103.4601],
      [22.4012, 103.4523],
    ]) {
      await createVenue(t.dataSource, edition, '12', { latitude, longitude });
    }
    const south = await createVenue(t.dataSource, edition, '79', { latitude: 10.7769, longitude: 106.7009, name: 'Điểm phía Nam' });

    const national = (await clusters(planner, { editionId: edition.id, zoom: 5 }).expect(200)).body;
    expect(national.total).toBe(4);
    expect(national.clusters).toHaveLength(2);
    const [north, lone] = national.clusters;
    expect(north).toMatchObject({ count: 3, venueId: null, name: null, status: null });
    expect(north.latitude).toBeCloseTo((22.3964 + 22.3981 + 22.4012) / 3, 6);
    expect(lone).toEqual({ latitude: 10.7769, longitude: 106.7009, count: 1, venueId: south.id, name: 'Điểm phía Nam', status: 'nominated' });

    const street = (await clusters(planner, { editionId: edition.id, zoom: 16 }).expect(200)).body;
    expect(street.clusters).toHaveLength(4);
    expect(street.clusters.every((cluster: { count: number; venueId: string | null }) => cluster.count === 1 && cluster.venueId)).toBe(true);

    // The bounds shown and the list's filters narrow it.
    const inView = (await clusters(planner, { editionId: edition.id, zoom: 5, south: 20, north: 24, west: 102, east: 105 }).expect(200)).body;
    expect(inView.total).toBe(3);
    const filtered = (await clusters(planner, { editionId: edition.id, zoom: 5, provinceCode: '79' }).expect(200)).body;
    expect(filtered.total).toBe(1);

    // An organizer's map is their province's.
    const organizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'))}`;
    expect((await clusters(organizer, { editionId: edition.id, zoom: 5 }).expect(200)).body.total).toBe(3);
    expect((await clusters(organizer, { editionId: edition.id, zoom: 5, provinceCode: '79' }).expect(403)).body.code).toBe('PROVINCE_SCOPE');
    await clusters(planner, { editionId: edition.id, zoom: 21 }).expect(400);
  });

  it("gives a small edition's venues with its figures, which the console groups into the API's own clusters at every zoom", async () => {
    const edition = await createEdition(t.dataSource);
    for (const [latitude, longitude] of [
      [22.3964, 103.4582],
      [22.3981, 103.4601],
      [22.4012, 103.4523],
      [21.0278, 105.8342],
    ]) {
      await createVenue(t.dataSource, edition, '12', { latitude, longitude });
    }
    const south = await createVenue(t.dataSource, edition, '79', { latitude: 10.7769, longitude: 106.7009, name: 'Điểm phía Nam' });
    const summary = (token: string) => t.http.get('/api/venues/summary').query({ editionId: edition.id }).set('Authorization', token).expect(200);

    const { points } = (await summary(planner)).body;
    expect(points).toHaveLength(5);
    expect(points).toContainEqual({ venueId: south.id, name: 'Điểm phía Nam', status: 'nominated', latitude: 10.7769, longitude: 106.7009 });
    for (const zoom of [4, 5, 8, 16]) {
      const served = (await clusters(planner, { editionId: edition.id, zoom }).expect(200)).body.clusters;
      const grouped = clusterPoints(points, zoom);
      expect(grouped.map(({ count, venueId, name, status }) => ({ count, venueId, name, status }))).toEqual(
        served.map(({ count, venueId, name, status }: (typeof served)[number]) => ({ count, venueId, name, status })),
      );
      grouped.forEach((cluster, index) => {
        expect(cluster.latitude).toBeCloseTo(served[index].latitude, 9);
        expect(cluster.longitude).toBeCloseTo(served[index].longitude, 9);
      });
    }

    // Need-to-know as the figures: an organizer gets their province's venues only.
    const organizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'))}`;
    expect((await summary(organizer)).body.points.map((point: { venueId: string }) => point.venueId)).not.toContain(south.id);
    expect((await summary(organizer)).body.points).toHaveLength(4);
  });

  it('names at most three venues a day, the first by province and name, and counts them all', async () => {
    const edition = await createEdition(t.dataSource);
    const day = `${edition.year}-08-12`;
    for (const [province, name] of [
      ['79', 'Phường An Khánh'],
      ['12', 'Xã Tả Lèng'],
      ['12', 'Bản Hon'],
      ['11', 'Bản Mường Phăng'],
    ]) {
      await createVenue(t.dataSource, edition, province, { name, scheduleOn: day });
    }
    await createVenue(t.dataSource, edition, '12', { name: 'Bản ngày sau', scheduleOn: `${edition.year}-08-13` });
    const figures = (await t.http.get('/api/venues/summary').query({ editionId: edition.id }).set('Authorization', planner).expect(200)).body;
    expect(
      figures.days.map((entry: { date: string; count: number; venues: Array<{ name: string }> }) => [
        entry.date,
        entry.count,
        entry.venues.map((venue) => venue.name),
      ]),
    ).toEqual([
      [day, 4, ['Bản Mường Phăng', 'Bản Hon', 'Xã Tả Lèng']],
      [`${edition.year}-08-13`, 1, ['Bản ngày sau']],
    ]);
  });

  it('gives the overview its figures (by status, province and day) and pages the list by the same filters, search, ids and bounds', async () => {
    const edition = await createEdition(t.dataSource);
    const day = `${edition.year}-08-12`;
    const a = await createVenue(t.dataSource, edition, '12', { name: 'Bản Nậm Cang', latitude: 22.39, longitude: 103.45, scheduleOn: day });
    const b = await createVenue(t.dataSource, edition, '12', { name: 'Xã Sìn Hồ', latitude: 22.36, longitude: 103.24 });
    const c = await createVenue(t.dataSource, edition, '79', {
      name: 'Phường Bến Nghé',
      latitude: 10.78,
      longitude: 106.7,
      scheduleOn: day,
      hours: ['14:00', '17:30'],
    });
    const get = (path: string, token: string, query: Record<string, string | number>) =>
      t.http.get(`/api/venues/${path}`).query(query).set('Authorization', token);

    const figures = (await get('summary', planner, { editionId: edition.id }).expect(200)).body;
    expect(figures.total).toBe(3);
    expect(figures.byStatus).toEqual([
      { status: 'scheduled', count: 2 },
      { status: 'nominated', count: 1 },
    ]);
    const laiChau = figures.provinces.find((province: { provinceCode: string }) => province.provinceCode === '12');
    expect(laiChau).toMatchObject({ count: 2, south: 22.36, north: 22.39, west: 103.24, east: 103.45 });
    expect(laiChau.latitude).toBeCloseTo(22.375, 9);
    // Each day's count, with its first venues by province and name (the calendar's names), times in Vietnam's.
    expect(figures.days).toEqual([
      {
        date: day,
        count: 2,
        venues: [
          { id: a.id, name: 'Bản Nậm Cang', provinceCode: '12', status: 'scheduled', startTime: '07:30', endTime: '11:30' },
          { id: c.id, name: 'Phường Bến Nghé', provinceCode: '79', status: 'scheduled', startTime: '14:00', endTime: '17:30' },
        ],
      },
    ]);
    // Searched without diacritics, the figures and the map follow the words as the list does.
    const searched = (await get('summary', planner, { editionId: edition.id, q: 'nam cang' }).expect(200)).body;
    expect(searched.total).toBe(1);
    expect(searched.days).toEqual([{ date: day, count: 1, venues: [expect.objectContaining({ id: a.id })] }]);
    expect((await get('clusters', planner, { editionId: edition.id, zoom: 16, q: 'SIN HO' }).expect(200)).body.clusters).toEqual([
      expect.objectContaining({ venueId: b.id, count: 1 }),
    ]);
    // An organizer's figures are their province's; another province is refused.
    const organizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'))}`;
    expect((await get('summary', organizer, { editionId: edition.id }).expect(200)).body.total).toBe(2);
    expect((await get('summary', organizer, { editionId: edition.id, provinceCode: '79' }).expect(403)).body.code).toBe('PROVINCE_SCOPE');
    await get('summary', planner, {}).expect(400);

    // The list: only what the map shows, a page at a time, in a stable order.
    const inView = (
      await t.http.get('/api/venues').query({ editionId: edition.id, south: 20, north: 24, west: 102, east: 105 }).set('Authorization', planner).expect(200)
    ).body;
    expect(inView.items.map((venue: { id: string }) => venue.id).sort()).toEqual([a.id, b.id].sort());
    const first = (await t.http.get('/api/venues').query({ editionId: edition.id, pageSize: 2 }).set('Authorization', planner).expect(200)).body;
    const second = (await t.http.get('/api/venues').query({ editionId: edition.id, pageSize: 2, page: 2 }).set('Authorization', planner).expect(200)).body;
    expect(first.total).toBe(3);
    expect([...first.items, ...second.items].map((venue: { id: string }) => venue.id).sort()).toEqual([a.id, b.id, c.id].sort());
    // The rows a page names (the invitations page asks for its venues by id).
    const named = (
      await t.http
        .get('/api/venues')
        .query({ ids: `${a.id},${c.id}` })
        .set('Authorization', planner)
        .expect(200)
    ).body;
    expect(named.items.map((venue: { name: string }) => venue.name).sort()).toEqual(['Bản Nậm Cang', 'Phường Bến Nghé']);
    await t.http.get('/api/venues').query({ ids: 'khong-phai-uuid' }).set('Authorization', planner).expect(400);
    await t.http.get('/api/venues').query({ editionId: edition.id, north: 91 }).set('Authorization', planner).expect(400);
  });
});

import { Role } from '@app/auth';
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
});

import { Role } from '@app/auth';
import { createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * Issue 18, choosing leaders: the picker on a venue shows, per leader, appearances used / allowed this
 * edition, whether free on the venue's date, and why not (clash, unavailable, maximum, tier) — computed
 * by the API with the rules the assignment itself enforces.
 */
describe('Leader picker: appearances, free on the day, and why not', () => {
  let t: TestApp;
  let planner: string;

  beforeAll(async () => {
    t = await createTestApp();
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
  });
  afterAll(() => t.close());

  const participate = (editionId: string, leaderId: string, maxAppearances: number) =>
    t.http.put(`/api/editions/${editionId}/leaders/${leaderId}`).set('Authorization', planner).send({ title: 'Bộ trưởng', maxAppearances }).expect(200);
  const assign = (venueId: string, leaderId: string, role = 'accompanying') =>
    t.http.post(`/api/venues/${venueId}/leaders`).set('Authorization', planner).send({ leaderId, role });

  it('says per leader what the assignment would say, before choosing', async () => {
    const edition = await createEdition(t.dataSource);
    const day = `${edition.year}-08-12`;
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: day, name: 'Điểm chọn lãnh đạo' });
    const sameDay = await createVenue(t.dataSource, edition, '79', { scheduleOn: day, name: 'Điểm cùng ngày ở Thành phố Hồ Chí Minh' });
    const earlier = await createVenue(t.dataSource, edition, '01', { scheduleOn: `${edition.year}-08-02`, name: 'Điểm đầu tháng' });
    const tag = edition.id.slice(0, 6);

    const free = await createLeader(t.dataSource, { fullName: `Chọn Văn Rảnh ${tag}` });
    await participate(edition.id, free.id, 2);
    await assign(earlier.id, free.id).expect(201);
    const clashing = await createLeader(t.dataSource, { fullName: `Chọn Văn Trùng ${tag}` });
    await participate(edition.id, clashing.id, 3);
    await assign(sameDay.id, clashing.id).expect(201);
    const away = await createLeader(t.dataSource, { fullName: `Chọn Văn Vắng ${tag}` }, [[`${edition.year}-08-11`, `${edition.year}-08-13`]]);
    const exhausted = await createLeader(t.dataSource, { fullName: `Chọn Văn Hết ${tag}` });
    await assign(earlier.id, exhausted.id).expect(201); // no participation: one appearance
    const provincial = await createLeader(t.dataSource, { fullName: `Chọn Văn Tỉnh ${tag}`, rankTier: 'provincial' as never });
    const alreadyHere = await createLeader(t.dataSource, { fullName: `Chọn Văn Đã Dự ${tag}` });
    await assign(venue.id, alreadyHere.id).expect(201);

    const options: Array<Record<string, unknown> & { leaderId: string; hindrances: Array<{ code: string; message: string }> }> = (
      await t.http.get(`/api/venues/${venue.id}/leader-options`).set('Authorization', planner).expect(200)
    ).body;
    const of = (id: string) => options.find((option) => option.leaderId === id)!;

    expect(options.some((option) => option.leaderId === alreadyHere.id)).toBe(false);
    expect(of(free.id)).toMatchObject({
      fullName: free.fullName,
      title: 'Bộ trưởng',
      appearancesUsed: 1,
      appearancesAllowed: 2,
      freeOnDate: true,
      canAttend: true,
      fitsChiefGuest: true,
      hindrances: [],
    });
    expect(of(clashing.id)).toMatchObject({ appearancesUsed: 1, appearancesAllowed: 3, freeOnDate: false, canAttend: false });
    expect(of(clashing.id).hindrances).toEqual([{ code: 'clash', message: `Đã dự "${sameDay.name}" cùng ngày 12/08/${edition.year}.` }]);
    expect(of(away.id)).toMatchObject({ appearancesUsed: 0, appearancesAllowed: 1, freeOnDate: false, canAttend: false });
    expect(of(away.id).hindrances).toEqual([{ code: 'unavailable', message: `Bận từ 11/08/${edition.year} đến 13/08/${edition.year} (Công tác).` }]);
    expect(of(exhausted.id)).toMatchObject({ appearancesUsed: 1, appearancesAllowed: 1, freeOnDate: true, canAttend: false });
    expect(of(exhausted.id).hindrances.map((hindrance) => hindrance.code)).toEqual(['max_appearances']);
    expect(of(provincial.id)).toMatchObject({ canAttend: true, fitsChiefGuest: false });
    expect(of(provincial.id).hindrances.map((hindrance) => hindrance.code)).toEqual(['tier']);

    // The picker and the assignment agree: those it says cannot attend are refused, those it says can are taken.
    for (const leader of [clashing, away, exhausted]) await assign(venue.id, leader.id).expect(422);
    await assign(venue.id, free.id, 'chief_guest').expect(201);
    await assign(venue.id, provincial.id).expect(201);
  });

  it('is for planners: organizers and viewers are refused', async () => {
    const edition = await createEdition(t.dataSource);
    const venue = await createVenue(t.dataSource, edition, '12');
    const organizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'))}`;
    const viewer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.Viewer))}`;
    await t.http.get(`/api/venues/${venue.id}/leader-options`).set('Authorization', organizer).expect(403);
    await t.http.get(`/api/venues/${venue.id}/leader-options`).set('Authorization', viewer).expect(403);
    const unscheduled = (await t.http.get(`/api/venues/${venue.id}/leader-options`).set('Authorization', planner).expect(200)).body;
    expect(unscheduled.every((option: { freeOnDate: boolean | null }) => option.freeOnDate === null)).toBe(true);
  });
});

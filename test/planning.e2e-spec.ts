import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Role } from '@app/auth';
import type { Edition } from '@app/editions/edition.entity';
import { linkToken } from '@app/invitations';
import { SolverThreads } from '@app/planning';
import { QueueName } from '@app/queue';
import { LeaderParticipation, LeaderUnavailability, RankTier } from '@app/leaders/leader.entities';
import { VenueStatus, VenueTier } from '@app/venues/venue.enums';
import { nationalInstance } from '../bench/solver-instances';
import { auditEntriesFor, createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { TEST_ENV } from './test-env';
import { createTestApp, TestApp } from './utils/test-app';
import { createTestWorker } from './utils/test-worker';
import { seedPlanningEdition } from './utils/planning-seed';

// Each run goes through the worker; a worker's first run starts its solver thread (under ts-node: seconds, a minute on a loaded machine).
jest.setTimeout(180_000);

describe('Planning runs', () => {
  let t: TestApp;
  let planner: string;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    t = await createTestApp();
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  /** An edition with two approved central venues (18 or 19 August) and three leaders taking part in it. */
  async function setUp() {
    const edition = await createEdition(t.dataSource);
    const day = (d: number) => `${edition.year}-08-${d}`;
    const north = await createVenue(t.dataSource, edition, '11', { status: VenueStatus.Approved, candidateDates: [day(18), day(19)], name: 'Bản Phố Cao' });
    const south = await createVenue(t.dataSource, edition, '96', {
      status: VenueStatus.Approved,
      candidateDates: [day(19)],
      name: 'Ấp Mũi',
      latitude: 8.6,
      longitude: 104.7,
    });
    const tiered = { rankTier: RankTier.Politburo };
    const a = await createLeader(t.dataSource, { ...tiered, fullName: 'Đồng Chí A', homeProvinceCode: '11' });
    const b = await createLeader(t.dataSource, { ...tiered, fullName: 'Đồng Chí B', homeProvinceCode: '96' });
    const c = await createLeader(t.dataSource, { ...tiered, fullName: 'Đồng Chí C', homeProvinceCode: '01' });
    for (const leader of [a, b, c]) {
      await t.dataSource.getRepository(LeaderParticipation).save({ editionId: edition.id, leaderId: leader.id, title: leader.position });
    }
    return { edition, day, north, south, a, b, c };
  }

  const post = (edition: Edition, body: object = {}, auth = planner) =>
    t.http.post(`/api/editions/${edition.id}/planning-runs`).set('Authorization', auth).send(body);
  const read = async (edition: { id: string }, runId: string) =>
    (await t.http.get(`/api/editions/${edition.id}/planning-runs/${runId}`).set('Authorization', planner).expect(200)).body;

  /** The run once the worker is done with it (proposed, failed or cancelled), read through the API. */
  async function settled(edition: { id: string }, runId: string, timeoutMs = 150_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await read(edition, runId);
      if (!['queued', 'solving'].includes(run.status)) return run;
      if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
      await new Promise((resume) => setTimeout(resume, 100));
    }
  }

  /** Every run is a job (issue 19): queued by the API, solved by the worker on a solver thread. */
  async function propose(edition: Edition, body: object = {}) {
    worker ??= await createTestWorker();
    const queued = await post(edition, body).expect(201);
    expect(queued.body).toMatchObject({ status: 'queued', progress: { done: 0, total: 0 } });
    return { body: await settled(edition, queued.body.id) };
  }

  it('proposes home-province chief guests without writing anything, and writes them with dates on acceptance', async () => {
    const { edition, day, north, south, a, b } = await setUp();
    const proposed = await propose(edition, { weights: { homeTies: 5 } });
    expect(proposed.body).toMatchObject({ status: 'proposed', mode: 'fresh', solverStatus: 'optimal', explanations: [] });
    expect(proposed.body.assignments.map((x: { venueName: string; leaderName: string }) => `${x.venueName}:${x.leaderName}`).sort()).toEqual([
      'Bản Phố Cao:Đồng Chí A',
      'Ấp Mũi:Đồng Chí B',
    ]);
    expect(proposed.body.venueDates[south.id]).toBe(day(19));
    expect(proposed.body.summary).toBe('Phương án mới: 2 phân công lãnh đạo cho 2 điểm tổ chức; chưa có phân công nào đang áp dụng.');
    expect(proposed.body.objective.preferences).toMatchObject({ homeTies: 0 });
    expect(await t.dataSource.query(`SELECT 1 FROM venue_leader_assignments WHERE venue_id = ANY($1)`, [[north.id, south.id]])).toEqual([]);

    const accepted = await t.http.post(`/api/editions/${edition.id}/planning-runs/${proposed.body.id}/accept`).set('Authorization', planner).expect(200);
    expect(accepted.body.status).toBe('accepted');
    const rows = await t.dataSource.query(`SELECT venue_id, leader_id, role FROM venue_leader_assignments WHERE venue_id = ANY($1) ORDER BY leader_id`, [
      [north.id, south.id],
    ]);
    expect(rows).toEqual(
      expect.arrayContaining([
        { venue_id: north.id, leader_id: a.id, role: 'chief_guest' },
        { venue_id: south.id, leader_id: b.id, role: 'chief_guest' },
      ]),
    );
    const venues = await t.dataSource.query(`SELECT id, status, scheduled_date::text AS date FROM venues WHERE id = ANY($1)`, [[north.id, south.id]]);
    for (const venue of venues) expect(venue).toMatchObject({ status: 'scheduled', date: proposed.body.venueDates[venue.id] });
    expect((await auditEntriesFor(t.dataSource, 'venue', south.id)).map((entry: { action: string }) => entry.action)).toContain('transition');
    expect((await auditEntriesFor(t.dataSource, 'planning_run', proposed.body.id)).map((entry: { action: string }) => entry.action)).toEqual([
      'create',
      'transition',
    ]);

    const again = await t.http.post(`/api/editions/${edition.id}/planning-runs/${proposed.body.id}/accept`).set('Authorization', planner).expect(409);
    expect(again.body.code).toBe('PLANNING_RUN_NOT_PROPOSED');
  });

  it('repairs the plan in force when a leader becomes unavailable, changing only that venue', async () => {
    const { edition, day, north, south, b, c } = await setUp();
    const first = await propose(edition, { weights: { homeTies: 5 } });
    await t.http.post(`/api/editions/${edition.id}/planning-runs/${first.body.id}/accept`).set('Authorization', planner).expect(200);

    const invited = await t.http
      .post('/api/invitations')
      .set('Authorization', planner)
      .send({ venueId: south.id, leaderId: b.id, role: 'chief_guest' })
      .expect(201);
    await t.dataSource.getRepository(LeaderUnavailability).save({ leaderId: b.id, startDate: day(19), endDate: day(19), reason: 'Công tác nước ngoài' });
    const repaired = await propose(edition, { weights: { homeTies: 5 } });
    expect(repaired.body).toMatchObject({ mode: 'repair', brokenFixed: [] });
    expect(repaired.body.changes).toEqual([
      expect.objectContaining({
        kind: 'leader_replaced',
        venueId: south.id,
        leaderId: b.id,
        after: { leaderId: c.id, date: day(19) },
        forcedBy: expect.stringContaining('bận'),
      }),
    ]);
    expect(repaired.body.summary).toContain('thay đổi 1 phân công');
    // The board's side by side: the plan in force next to the proposal, only the south venue changed.
    expect(repaired.body.comparison).toEqual([
      {
        venueId: north.id,
        venueName: 'Bản Phố Cao',
        provinceCode: '11',
        current: { date: expect.any(String), chiefGuest: expect.objectContaining({ name: 'Đồng Chí A' }), accompanying: [] },
        proposed: expect.objectContaining({ chiefGuest: expect.objectContaining({ name: 'Đồng Chí A' }) }),
        changed: false,
      },
      {
        venueId: south.id,
        venueName: 'Ấp Mũi',
        provinceCode: '96',
        current: { date: day(19), chiefGuest: { id: b.id, name: 'Đồng Chí B' }, accompanying: [] },
        proposed: { date: day(19), chiefGuest: { id: c.id, name: 'Đồng Chí C' }, accompanying: [] },
        changed: true,
      },
    ]);
    await t.http.post(`/api/editions/${edition.id}/planning-runs/${repaired.body.id}/accept`).set('Authorization', planner).expect(200);
    const chiefs = await t.dataSource.query(`SELECT venue_id, leader_id FROM venue_leader_assignments WHERE venue_id = ANY($1) AND role = 'chief_guest'`, [
      [north.id, south.id],
    ]);
    expect(chiefs).toContainEqual({ venue_id: south.id, leader_id: c.id });
    expect(chiefs).toHaveLength(2);
    // B's invitation to the south venue went with the assignment the accepted plan dropped.
    const [withdrawn] = await t.dataSource.query(`SELECT status, withdrawn_reason FROM invitations WHERE id = $1`, [invited.body.id]);
    expect(withdrawn).toEqual({ status: 'withdrawn', withdrawn_reason: 'Điều chỉnh phân công theo kế hoạch mới của Ban Chỉ đạo' });
    // Both sides of the replacement audited (one INSERT for the batch), under the accepted run's name.
    const audited = await t.dataSource.query(
      `SELECT action, changes->'leaderId' AS leader, changes->'venueId' AS venue, note, actor_id FROM audit_entries
        WHERE entity_type = 'venue_leader_assignment' AND note = $1 ORDER BY action`,
      [`Phương án lập kế hoạch ${repaired.body.id}`],
    );
    expect(audited).toEqual([
      {
        action: 'create',
        leader: { before: null, after: c.id },
        venue: { before: null, after: south.id },
        note: expect.any(String),
        actor_id: expect.any(String),
      },
      {
        action: 'delete',
        leader: { before: b.id, after: null },
        venue: { before: south.id, after: null },
        note: expect.any(String),
        actor_id: expect.any(String),
      },
    ]);
  });

  it('keeps an assignment whose invitation was accepted, where it would otherwise move the leader', async () => {
    const { edition, north, south, a, b, c } = await setUp();
    const first = await propose(edition, { weights: { homeTies: 5 } });
    await t.http.post(`/api/editions/${edition.id}/planning-runs/${first.body.id}/accept`).set('Authorization', planner).expect(200);
    // The north venue now asks for an accompanying leader; C may not go there. Only B can accompany A,
    // leaving the south venue to C: a change of B's assignment, which a repair makes rather than leave
    // the north venue short — while B's invitation is only sent.
    const request = {
      weights: { homeTies: 5 },
      accompanying: [{ venueId: north.id, count: 1 }],
      bans: [{ leaderId: c.id, venueId: north.id }],
      maxTopTierPerProvinceDay: 2,
    };
    const invited = await t.http
      .post('/api/invitations')
      .set('Authorization', planner)
      .send({ venueId: south.id, leaderId: b.id, role: 'chief_guest' })
      .expect(201);
    await t.http.post(`/api/invitations/${invited.body.id}/send`).set('Authorization', planner).expect(202);
    const moving = await propose(edition, request);
    expect(moving.body).toMatchObject({ mode: 'repair', brokenFixed: [], objective: { missingAccompanying: 0 } });
    expect(moving.body.changes).toEqual([
      expect.objectContaining({ kind: 'leader_replaced', venueId: south.id, leaderId: b.id, after: expect.objectContaining({ leaderId: c.id }) }),
    ]);
    expect(moving.body.changes[0].fixed).toBeUndefined();

    // Once B has accepted, his assignment is fixed: the north venue stays short rather than move him.
    await t.http
      .post(`/api/rsvp/${linkToken(TEST_ENV.LINK_SECRET, 'rsvp', invited.body.id)}`)
      .type('form')
      .send({ answer: 'accept' })
      .expect(200);
    const kept = await propose(edition, request);
    expect(kept.body).toMatchObject({ mode: 'repair', changes: [], brokenFixed: [], objective: { missingAccompanying: 1 } });
    expect(kept.body.assignments.map((x: { venueId: string; leaderId: string; role: string }) => `${x.venueId}:${x.leaderId}:${x.role}`).sort()).toEqual(
      [`${north.id}:${a.id}:chief_guest`, `${south.id}:${b.id}:chief_guest`].sort(),
    );
    expect(kept.body.explanations).toEqual([expect.objectContaining({ venueId: north.id })]);
    await t.http.post(`/api/editions/${edition.id}/planning-runs/${kept.body.id}/accept`).set('Authorization', planner).expect(200);
    const [invitation] = await t.dataSource.query(`SELECT status FROM invitations WHERE id = $1`, [invited.body.id]);
    expect(invitation.status).toBe('accepted');
  });

  it('refuses to accept a run whose starting point changed, and supersedes other proposals on acceptance', async () => {
    const { edition, north, c } = await setUp();
    const stale = await propose(edition);
    const other = await propose(edition);
    await t.dataSource.query(`INSERT INTO venue_leader_assignments (venue_id, leader_id, role) VALUES ($1, $2, 'accompanying')`, [north.id, c.id]);
    const refused = await t.http.post(`/api/editions/${edition.id}/planning-runs/${stale.body.id}/accept`).set('Authorization', planner).expect(409);
    expect(refused.body.code).toBe('PLANNING_RUN_STALE');

    await t.dataSource.query(`DELETE FROM venue_leader_assignments WHERE venue_id = $1`, [north.id]);
    await t.http.post(`/api/editions/${edition.id}/planning-runs/${other.body.id}/accept`).set('Authorization', planner).expect(200);
    const superseded = await t.http.get(`/api/editions/${edition.id}/planning-runs/${stale.body.id}`).set('Authorization', planner).expect(200);
    expect(superseded.body.status).toBe('superseded');

    // The edition's runs, newest first, paginated, with headline figures only.
    const list = await t.http.get(`/api/editions/${edition.id}/planning-runs?pageSize=1`).set('Authorization', planner).expect(200);
    expect(list.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: other.body.id,
        status: 'accepted',
        venueTier: 'central',
        mode: 'fresh',
        uncoveredVenues: 0,
        changes: expect.any(Number),
        progress: { done: 1, total: 1 },
      }),
    ]);
    expect(list.body.items[0].assignments).toBeUndefined();
    const second = await t.http.get(`/api/editions/${edition.id}/planning-runs?page=2&pageSize=1`).set('Authorization', planner).expect(200);
    expect(second.body.items.map((run: { id: string }) => run.id)).toEqual([stale.body.id]);
    await t.http.get(`/api/editions/${edition.id}/planning-runs?pageSize=1000`).set('Authorization', planner).expect(400);
  });

  it('explains in Vietnamese why a venue cannot be covered, with pins and bans from the request', async () => {
    const { edition, north, south, a, b, c } = await setUp();
    const proposed = await propose(edition, {
      leaderPins: [{ leaderId: a.id, venueId: south.id }],
      bans: [{ leaderId: b.id, venueId: north.id }],
      requiredTiers: [{ venueId: north.id, rankTier: 'politburo' }],
      maxTopTierPerDay: 1,
    });
    // A is pinned to the south venue (19th only); B is banned from the north venue; with K = 1 top-tier
    // leader a day, the north venue takes C on the 18th.
    expect(proposed.body.assignments.map((x: { venueId: string; leaderId: string; date: string }) => `${x.venueId}:${x.leaderId}:${x.date}`).sort()).toEqual(
      [`${south.id}:${a.id}:${edition.year}-08-19`, `${north.id}:${c.id}:${edition.year}-08-18`].sort(),
    );
    expect(proposed.body.explanations).toEqual([]);

    const everyone: { id: string }[] = await t.dataSource.query(`SELECT leader_id AS id FROM leader_participations WHERE edition_id = $1`, [edition.id]);
    const blocked = await propose(edition, { bans: everyone.map((leader) => ({ leaderId: leader.id, venueId: north.id })) });
    expect(blocked.body.explanations).toEqual([
      expect.objectContaining({ venueId: north.id, code: 'ALL_QUALIFIED_BANNED', message: expect.stringContaining('"Bản Phố Cao"') }),
    ]);
    expect(blocked.body.slacks.map((slack: { name: string }) => slack.name)).toContain(`uncovered_${north.id.replaceAll('-', '_')}`);
  });

  it('measures travel from where each leader works: a leader based in Hồ Chí Minh City goes south rather than one from Hà Nội', async () => {
    const edition = await createEdition(t.dataSource);
    const south = await createVenue(t.dataSource, edition, '96', {
      status: VenueStatus.Approved,
      candidateDates: [`${edition.year}-08-19`],
      name: 'Ấp Đất Mũi',
      latitude: 8.6,
      longitude: 104.7,
    });
    const tiered = { rankTier: RankTier.Politburo, homeProvinceCode: '01' };
    const fromHaNoi = await createLeader(t.dataSource, { ...tiered, fullName: 'Đồng Chí Thủ Đô' });
    const fromSaigon = await createLeader(t.dataSource, { ...tiered, fullName: 'Đồng Chí Phương Nam' });
    for (const leader of [fromHaNoi, fromSaigon]) {
      await t.dataSource.getRepository(LeaderParticipation).save({ editionId: edition.id, leaderId: leader.id, title: leader.position });
    }
    const { body: based } = await t.http
      .patch(`/api/leaders/${fromSaigon.id}`)
      .set('Authorization', planner)
      .send({ version: fromSaigon.version, baseProvinceCode: '79' })
      .expect(200);
    expect(based.baseProvinceCode).toBe('79');

    const proposed = await propose(edition, { weights: { travel: 10, homeTies: 0 } });
    expect(proposed.body.assignments).toEqual([expect.objectContaining({ venueId: south.id, leaderId: fromSaigon.id })]);
    // Hà Nội → Cà Mau is about 1,600 km as the crow flies, Hồ Chí Minh City → Cà Mau about 270: the travel cost says so.
    expect(proposed.body.objective.preferences.travel).toBeLessThan(10 * 0.5);
  });

  it('plans around what leaders already do elsewhere in the edition, and keeps a date set by hand', async () => {
    const { edition, day, north, a, c } = await setUp();
    // A (from the north venue's province, the home choice) already attends a commune festival of the edition.
    const commune = await createVenue(t.dataSource, edition, '11', { tier: 'commune' as never, scheduleOn: day(12), name: 'Xã Mường Nhé' });
    await t.dataSource.query(`INSERT INTO venue_leader_assignments (venue_id, leader_id, role) VALUES ($1, $2, 'chief_guest')`, [commune.id, a.id]);
    // The north venue is scheduled by hand on the 17th, a date its province did not propose.
    await t.http
      .post(`/api/venues/${north.id}/transitions`)
      .set('Authorization', planner)
      .send({ to: 'scheduled', version: north.version, date: day(17), startTime: '07:30', endTime: '11:30' })
      .expect(200);

    await t.dataSource.query(`INSERT INTO venue_leader_assignments (venue_id, leader_id, role) VALUES ($1, $2, 'chief_guest')`, [north.id, c.id]);

    // A repair keeps C on the hand-set date; A, whose one appearance is taken, goes nowhere.
    const proposed = await propose(edition, { weights: { homeTies: 5 } });
    expect(proposed.body.mode).toBe('repair');
    expect(proposed.body.assignments.map((x: { leaderId: string }) => x.leaderId)).not.toContain(a.id);
    expect(proposed.body.venueDates[north.id]).toBe(day(17));
    expect(proposed.body.changes.filter((change: { venueId: string }) => change.venueId === north.id)).toEqual([]);
    expect(proposed.body.objective.uncoveredVenues).toBe(0);
    // Planned afresh, the home choice for the north venue would be A — were his appearance not taken.
    const fresh = await propose(edition, { fresh: true, weights: { homeTies: 5 } });
    expect(fresh.body.assignments.map((x: { leaderId: string }) => x.leaderId)).not.toContain(a.id);
  });

  it('is for central planners only, and validates the request', async () => {
    const { edition } = await setUp();
    const viewer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.Viewer))}`;
    await post(edition, {}, viewer).expect(403);
    const invalid = await post(edition, { maxTopTierPerDay: -1, weights: { spread: 'nhiều' } }).expect(400);
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
  });

  it('queues commune festivals for the worker, plans each province with its own officials, and shows progress', async () => {
    const edition = await createEdition(t.dataSource);
    const day = (d: number) => `${edition.year}-08-${d}`;
    const commune = (province: string, name: string) =>
      createVenue(t.dataSource, edition, province, { status: VenueStatus.Approved, tier: 'commune' as never, candidateDates: [day(10), day(11)], name });
    const laiChau = [await commune('12', 'Xã Sìn Hồ'), await commune('12', 'Xã Tam Đường')];
    const dakLak = [await commune('66', 'Xã Ea Súp')];
    const official = (province: string, fullName: string) =>
      createLeader(t.dataSource, { rankTier: RankTier.Provincial, fullName, homeProvinceCode: province });
    const laiChauOfficials = [await official('12', 'Cán bộ Lai Châu 1'), await official('12', 'Cán bộ Lai Châu 2')];
    const dakLakOfficial = await official('66', 'Cán bộ Đắk Lắk');
    for (const leader of [...laiChauOfficials, dakLakOfficial]) {
      await t.dataSource.getRepository(LeaderParticipation).save({ editionId: edition.id, leaderId: leader.id, title: leader.position });
    }

    // No worker for now: the run waits in the queue, and says so.
    await worker?.close();
    worker = undefined;
    const queued = await post(edition, { venueTier: 'commune', defaultRequiredTier: RankTier.Provincial }).expect(201);
    expect(queued.body).toMatchObject({ status: 'queued', progress: { done: 0, total: 0 }, failure: null });
    expect(queued.body.assignments).toBeUndefined();
    expect(queued.body.comparison).toBeUndefined();
    const listed = await t.http.get(`/api/editions/${edition.id}/planning-runs`).set('Authorization', planner).expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: queued.body.id, status: 'queued', venueTier: 'commune', mode: null, summary: null, changes: null }),
    ]);

    worker = await createTestWorker();
    const run = await settled(edition, queued.body.id);
    expect(run).toMatchObject({ status: 'proposed', progress: { done: 2, total: 2 }, provinces: 2, explanations: [] });
    // The planner who queued it, and only they, are told it is ready (issue 17), in the proposal's transaction.
    const [{ requested_by: requestedBy }] = await t.dataSource.query(`SELECT requested_by FROM planning_runs WHERE id = $1`, [run.id]);
    const told = await t.dataSource.query(`SELECT user_id, link FROM notifications WHERE kind = 'planning_run_finished' AND subject_id = $1`, [run.id]);
    expect(told).toEqual([{ user_id: requestedBy, link: '/lap-ke-hoach' }]);
    const byVenue = new Map(run.assignments.map((a: { venueId: string; leaderId: string }) => [a.venueId, a.leaderId]));
    // Each province's venues get that province's officials, one venue each.
    expect(laiChauOfficials.map((leader) => leader.id)).toEqual(expect.arrayContaining(laiChau.map((venue) => byVenue.get(venue.id))));
    expect(byVenue.get(dakLak[0].id)).toBe(dakLakOfficial.id);

    await t.http.post(`/api/editions/${edition.id}/planning-runs/${run.id}/accept`).set('Authorization', planner).expect(200);
    const written = await t.dataSource.query(`SELECT count(*)::int AS n FROM venue_leader_assignments WHERE venue_id = ANY($1)`, [
      [...laiChau, ...dakLak].map((venue) => venue.id),
    ]);
    expect(written[0].n).toBe(3);
  });
  const cancel = (edition: { id: string }, runId: string, auth = planner) =>
    t.http.post(`/api/editions/${edition.id}/planning-runs/${runId}/cancel`).set('Authorization', auth);

  /** The planning queue's job of a run once it finished (BullMQ keeps it for inspection), read through the worker's queue. */
  async function finishedJob(runId: string) {
    const queue = worker!.get<Queue>(getQueueToken(QueueName.Planning), { strict: false });
    for (;;) {
      const job = await queue.getJob(`planning-run-${runId}`);
      if (job?.finishedOn) return job;
      await new Promise((resume) => setTimeout(resume, 100));
    }
  }

  it('cancels a queued run for planners only, audited; the worker then skips it, and a settled run cannot be cancelled', async () => {
    const { edition } = await setUp();
    await worker?.close();
    worker = undefined;
    const queued = await post(edition).expect(201);
    const viewer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.Viewer))}`;
    await cancel(edition, queued.body.id, viewer).expect(403);
    const cancelled = await cancel(edition, queued.body.id).expect(200);
    expect(cancelled.body).toMatchObject({ id: queued.body.id, status: 'cancelled', progress: { done: 0, total: 0 } });
    expect(await auditEntriesFor(t.dataSource, 'planning_run', queued.body.id)).toEqual([
      expect.objectContaining({ action: 'create' }),
      expect.objectContaining({ action: 'transition', changes: { status: { before: 'queued', after: 'cancelled' } } }),
    ]);
    const again = await cancel(edition, queued.body.id).expect(409);
    expect(again.body).toMatchObject({ code: 'PLANNING_RUN_NOT_CANCELLABLE', details: { status: 'cancelled' } });
    await cancel(edition, '00000000-0000-4000-8000-000000000000').expect(404);

    worker = await createTestWorker();
    expect((await finishedJob(queued.body.id)).returnvalue).toBe('not-queued');
    expect(await read(edition, queued.body.id)).toMatchObject({ status: 'cancelled' });

    const proposed = await propose(edition);
    expect((await cancel(edition, proposed.body.id).expect(409)).body.code).toBe('PLANNING_RUN_NOT_CANCELLABLE');
  });

  it('stops a large solve when its run is cancelled: its thread is replaced, the worker stays healthy and plans the next run', async () => {
    // 200 central venues and 120 leaders over 21 days: tens of seconds of HiGHS on this machine.
    const large = await seedPlanningEdition(t.dataSource, nationalInstance(20270819, 200, 120), VenueTier.Central);
    worker ??= await createTestWorker();
    const threads = worker.get(SolverThreads, { strict: false });
    await threads.start();
    const startedBefore = threads.started;

    const queued = await post(large.edition, large.request).expect(201);
    for (let run = queued.body; run.status !== 'solving'; run = await read(large.edition, queued.body.id)) {
      expect(run.status).toBe('queued');
      await new Promise((resume) => setTimeout(resume, 50));
    }
    const cancelled = await cancel(large.edition, queued.body.id).expect(200);
    expect(cancelled.body.status).toBe('cancelled');

    // The worker stopped the solve (its thread terminated, another started in its place), not waited for it.
    expect((await finishedJob(queued.body.id)).returnvalue).toBe('cancelled');
    expect(threads.started).toBe(startedBefore + 1);
    expect(threads.alive).toBe(1);
    const run = await read(large.edition, queued.body.id);
    expect(run).toMatchObject({ status: 'cancelled', failure: null, progress: { done: 0, total: 0 } });
    expect(run.assignments).toBeUndefined();

    // The same worker, on the fresh thread, plans the next run.
    const { edition, a, b } = await setUp();
    const next = await propose(edition, { weights: { homeTies: 5 } });
    expect(next.body).toMatchObject({ status: 'proposed', solverStatus: 'optimal' });
    expect(next.body.assignments.map((x: { leaderId: string }) => x.leaderId).sort()).toEqual([a.id, b.id].sort());
  });
});

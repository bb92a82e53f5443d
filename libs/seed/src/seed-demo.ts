/**
 * The demo edition for the coming year: 30 approved and scheduled central venues weighted to Tây Bắc,
 * Tây Nguyên and Tây Nam Bộ, their programmes from the default template, 40 leaders with tiers and
 * availability, chief guests assigned where a leader is free, each venue's logistics checklist, one planner, organizers for several
 * provinces and a viewer. Idempotent: rows have ids derived from stable keys and are inserted with
 * ON CONFLICT DO NOTHING, so a second run adds nothing and changes nothing.
 *
 * The one library besides libs/database that writes other libraries' tables: demo rows with stable ids
 * are not what any service's write path makes (no actor, no workflow, no events), so it writes them
 * with the entity classes the owning libraries export for it, in one transaction, using their rules
 * (programme layout, task template, resource clashes, leader availability) and auth's account functions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { recordAudit } from '@app/audit';
import { accountExists, accountIdByEmail, hashPassword, insertAccount, MIN_PASSWORD_LENGTH, Role, SYSTEM_ACTOR } from '@app/auth';
import { AfterCommit, localToInstant, todayInFestivalZone } from '@app/common';
import type { AppConfig } from '@app/config';
import { defaultWindow, Edition } from '@app/editions';
import {
  AssignmentRole,
  CENTRAL_CHIEF_GUEST_MIN_TIER,
  isUnavailableOn,
  Leader,
  LeaderParticipation,
  LeaderUnavailability,
  RANK_TIER_ORDER,
  RankTier,
  VenueLeaderAssignment,
} from '@app/leaders';
import {
  BudgetCategory,
  BudgetLine,
  DEFAULT_TASK_TEMPLATE,
  dueDateOf,
  findClash,
  FundingSource,
  OrganizerReminders,
  ResourceBooking,
  ResourceKind,
  SharedResource,
  TaskDependency,
  TaskStatus,
  VenueTask,
} from '@app/logistics';
import { ReminderScheduler } from '@app/reminders';
import { assertItemFits, DEFAULT_PROGRAMME_TEMPLATE, layoutTemplate, ProgrammeItem } from '@app/programmes';
import { Venue, VenueStatus, VenueTier } from '@app/venues';
import { DEMO_LEADERS, DEMO_VENUES } from './demo-data';

/** A stable UUID (version-5 layout) from a key, so reseeding finds the same rows. */
export function stableId(key: string): string {
  const hex = createHash('sha1').update(`ngayhoi-demo:${key}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; fullName: string; role: Role; provinceCode: string | null }> = [
  { email: 'planner@ngayhoi.example.vn', fullName: 'Cán bộ Cục Phong trào (demo)', role: Role.CentralPlanner, provinceCode: null },
  { email: 'laichau@ngayhoi.example.vn', fullName: 'Công an tỉnh Lai Châu (demo)', role: Role.ProvincialOrganizer, provinceCode: '12' },
  { email: 'dienbien@ngayhoi.example.vn', fullName: 'Công an tỉnh Điện Biên (demo)', role: Role.ProvincialOrganizer, provinceCode: '11' },
  { email: 'daklak@ngayhoi.example.vn', fullName: 'Công an tỉnh Đắk Lắk (demo)', role: Role.ProvincialOrganizer, provinceCode: '66' },
  { email: 'angiang@ngayhoi.example.vn', fullName: 'Công an tỉnh An Giang (demo)', role: Role.ProvincialOrganizer, provinceCode: '91' },
  { email: 'viewer@ngayhoi.example.vn', fullName: 'Người xem (demo)', role: Role.Viewer, provinceCode: null },
];

/** Leaders senior enough to be chief guest at a central venue. */
const CHIEF_GUEST_TIERS: readonly RankTier[] = RANK_TIER_ORDER.slice(0, RANK_TIER_ORDER.indexOf(CENTRAL_CHIEF_GUEST_MIN_TIER) + 1);

export async function seedDemo(dataSource: DataSource, config: AppConfig, now = new Date()): Promise<string> {
  // The demo edition comes with known accounts and invented people: never in a production database.
  if (config.isProduction) throw new Error('The demo seed refuses to run with NODE_ENV=production.');
  const year = Number(todayInFestivalZone(now).slice(0, 4)) + 1;
  const password = process.env.SEED_PASSWORD;
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`SEED_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }

  return dataSource.transaction(async (manager) => {
    const editionId = await seedEdition(manager, year);
    const date = (monthDay: string) => `${year}-${monthDay}`;

    const venues = DEMO_VENUES.map((demo) =>
      manager.create(Venue, {
        id: stableId(`${year}:venue:${demo.key}`),
        editionId,
        name: demo.name,
        tier: VenueTier.Central,
        coHost: demo.coHost,
        provinceCode: demo.provinceCode,
        communeName: demo.communeName,
        hamletName: demo.hamletName,
        hostKind: demo.hostKind,
        address: demo.address,
        latitude: demo.latitude,
        longitude: demo.longitude,
        region: demo.region,
        areaFlags: demo.areaFlags,
        expectedAttendance: demo.expectedAttendance,
        candidateDates: demo.candidateDates.map(date),
        scheduledDate: date(demo.scheduledDate),
        startsAt: localToInstant(date(demo.scheduledDate), demo.startTime),
        endsAt: localToInstant(date(demo.scheduledDate), demo.endTime),
        status: VenueStatus.Scheduled,
      }),
    );
    const newVenues = await insertMissing(manager, Venue, venues);
    for (const venue of venues.filter((candidate) => newVenues.has(candidate.id))) {
      const demo = DEMO_VENUES.find((entry) => stableId(`${year}:venue:${entry.key}`) === venue.id)!;
      const laidOut = layoutTemplate(DEFAULT_PROGRAMME_TEMPLATE, demo.startTime);
      // The same rules the API applies: every item inside the venue's hours, none overlapping.
      laidOut.forEach((item, index) => assertItemFits(item, laidOut.slice(0, index), { startTime: demo.startTime, endTime: demo.endTime }));
      const items = laidOut.map((line) => manager.create(ProgrammeItem, { ...line, venueId: venue.id, presenter: null, notes: null }));
      await manager.save(items);
      await seedChecklist(manager, venue);
    }

    const leaders = DEMO_LEADERS.map((demo) =>
      manager.create(Leader, {
        id: stableId(`leader:${demo.key}`),
        fullName: demo.fullName,
        position: demo.position,
        rankTier: demo.rankTier,
        organisation: demo.organisation,
        officeEmail: demo.officeEmail,
        officePhone: demo.officePhone,
        homeProvinceCode: demo.homeProvinceCode,
        preferredDates: demo.preferredDates.map(date),
      }),
    );
    const newLeaders = await insertMissing(manager, Leader, leaders);
    const unavailability = DEMO_LEADERS.flatMap((demo) =>
      newLeaders.has(stableId(`leader:${demo.key}`))
        ? demo.unavailability.map((range) =>
            manager.create(LeaderUnavailability, {
              leaderId: stableId(`leader:${demo.key}`),
              startDate: date(range.start),
              endDate: date(range.end),
              reason: range.reason,
            }),
          )
        : [],
    );
    if (unavailability.length) await manager.save(unavailability);

    const participations = leaders.map((leader) =>
      manager.create(LeaderParticipation, { id: stableId(`${year}:participation:${leader.id}`), editionId, leaderId: leader.id, title: leader.position }),
    );
    await insertMissing(manager, LeaderParticipation, participations);

    const assigned = await assignChiefGuests(manager, editionId);
    const accounts = await seedAccounts(manager, password);
    const plannerId = (await accountIdByEmail(manager, DEMO_ACCOUNTS[0].email))!;
    const bookings = await seedResources(manager, editionId, plannerId, config.ROAD_DISTANCE_FACTOR);
    await seedBudget(manager, venues);
    // Organizer reminders as the API would plan them. Rows only: the worker's reconciler enqueues
    // each one as it comes within its horizon (Postgres is the truth), so no Redis is needed here.
    const organizerReminders = new OrganizerReminders(new ReminderScheduler(null as never));
    await organizerReminders.replanTasks(manager, new AfterCommit(), { editionId }, now);
    await organizerReminders.replanVenues(manager, new AfterCommit(), { editionId }, now);

    return [
      `demo edition ${year} (${editionId})`,
      `venues: ${newVenues.size} added, ${venues.length - newVenues.size} already present`,
      `leaders: ${newLeaders.size} added, ${leaders.length - newLeaders.size} already present`,
      `chief guests assigned now: ${assigned}`,
      `shared resources: ${DEMO_RESOURCES.length}, bookings added now: ${bookings}`,
      ...accounts,
    ].join('\n');
  });
}

async function seedEdition(manager: EntityManager, year: number): Promise<string> {
  const existing = await manager.findOneBy(Edition, { year });
  if (existing) return existing.id;
  const edition = await manager.save(
    manager.create(Edition, {
      id: stableId(`edition:${year}`),
      year,
      theme: 'Toàn dân chung sức bảo vệ an ninh Tổ quốc, xây dựng cơ sở vững mạnh',
      ...defaultWindow(year),
    }),
  );
  await recordAudit(manager, { actor: SYSTEM_ACTOR, entityType: 'edition', entityId: edition.id, action: 'create', after: edition, note: 'demo seed' });
  return edition.id;
}

/** Inserts the rows whose id is not there yet; returns the ids inserted. */
async function insertMissing<T extends { id: string }>(manager: EntityManager, target: new () => T, rows: T[]): Promise<Set<string>> {
  const existing = await manager
    .getRepository(target)
    .createQueryBuilder('row')
    .select('row.id', 'id')
    .where('row.id IN (:...ids)', { ids: rows.map((row) => row.id) })
    .getRawMany<{ id: string }>();
  const present = new Set(existing.map((row) => row.id));
  const missing = rows.filter((row) => !present.has(row.id));
  if (missing.length) await manager.save(missing);
  return new Set(missing.map((row) => row.id));
}

/** Gives each venue without a chief guest the most senior free demo leader (one venue per leader). */
async function assignChiefGuests(manager: EntityManager, editionId: string): Promise<number> {
  const venues = await manager.find(Venue, { where: { editionId, status: VenueStatus.Scheduled }, order: { scheduledDate: 'ASC', name: 'ASC' } });
  const demoLeaderIds = DEMO_LEADERS.map((demo) => stableId(`leader:${demo.key}`));
  const leaders = (await manager.find(Leader, { where: { id: In(demoLeaderIds) }, relations: { unavailability: true }, order: { fullName: 'ASC' } }))
    .filter((leader) => CHIEF_GUEST_TIERS.includes(leader.rankTier))
    .sort((a, b) => RANK_TIER_ORDER.indexOf(a.rankTier) - RANK_TIER_ORDER.indexOf(b.rankTier));
  const existing = await manager
    .createQueryBuilder(VenueLeaderAssignment, 'assignment')
    .innerJoin(Venue, 'venue', 'venue.id = assignment.venueId')
    .where('venue.editionId = :editionId', { editionId })
    .getMany();
  const busy = new Set(existing.map((assignment) => assignment.leaderId));
  const covered = new Set(existing.filter((assignment) => assignment.role === AssignmentRole.ChiefGuest).map((assignment) => assignment.venueId));

  const created: VenueLeaderAssignment[] = [];
  for (const venue of venues) {
    if (covered.has(venue.id) || !venue.scheduledDate) continue;
    const leader = leaders.find((candidate) => !busy.has(candidate.id) && !isUnavailableOn(candidate.unavailability ?? [], venue.scheduledDate!));
    if (!leader) continue;
    busy.add(leader.id);
    created.push(manager.create(VenueLeaderAssignment, { venueId: venue.id, leaderId: leader.id, role: AssignmentRole.ChiefGuest }));
  }
  if (created.length) await manager.save(created);
  return created.length;
}

async function seedAccounts(manager: EntityManager, sharedPassword: string | undefined): Promise<string[]> {
  const lines: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await accountExists(manager, account.email)) {
      lines.push(`account ${account.email}: already present`);
      continue;
    }
    const password = sharedPassword ?? randomBytes(12).toString('base64url');
    const view = await insertAccount(manager, { ...account, passwordHash: await hashPassword(password) });
    await recordAudit(manager, { actor: SYSTEM_ACTOR, entityType: 'user', entityId: view.id, action: 'create', after: view, note: 'demo seed' });
    lines.push(
      `account ${account.email} (${account.role}${account.provinceCode ? ` ${account.provinceCode}` : ''}): ${sharedPassword ? 'password from SEED_PASSWORD' : `password, shown once: ${password}`}`,
    );
  }
  return lines;
}

/** The default checklist of a new demo venue, with 0–3 of the first tasks already done. */
async function seedChecklist(manager: EntityManager, venue: Venue): Promise<void> {
  const progress = parseInt(venue.id.slice(0, 2), 16) % 4; // 0–3 tasks done, stable per venue
  const tasks = await manager.save(
    DEFAULT_TASK_TEMPLATE.map((line, index) =>
      manager.create(VenueTask, {
        venueId: venue.id,
        editionId: venue.editionId,
        templateCode: line.code,
        title: line.title,
        responsibleUnit: line.responsibleUnit,
        offsetDays: line.offsetDays,
        dueDate: dueDateOf(venue.scheduledDate, line.offsetDays),
        weight: line.weight,
        status: index < progress ? TaskStatus.Done : TaskStatus.Todo,
        doneAt: index < progress ? new Date() : null,
      }),
    ),
  );
  const byCode = new Map(tasks.map((task) => [task.templateCode!, task.id]));
  const dependencies = DEFAULT_TASK_TEMPLATE.flatMap((line) =>
    line.dependsOn.map((code) => ({ taskId: byCode.get(line.code)!, prerequisiteId: byCode.get(code)! })),
  );
  await manager.insert(TaskDependency, dependencies);
}

const DEMO_RESOURCES: ReadonlyArray<{ key: string; name: string; kind: ResourceKind; ownerUnit: string; travelSpeedKmh: number }> = [
  {
    key: 'doan-nghe-thuat',
    name: 'Đoàn Nghệ thuật Công an nhân dân',
    kind: ResourceKind.ArtTroupe,
    ownerUnit: 'Cục Công tác đảng và công tác chính trị',
    travelSpeedKmh: 40,
  },
  { key: 'to-phong-vien', name: 'Tổ phóng viên Truyền hình CAND', kind: ResourceKind.PressCrew, ownerUnit: 'Cục Truyền thông CAND', travelSpeedKmh: 50 },
  {
    key: 'xe-san-khau',
    name: 'Xe sân khấu lưu động số 1',
    kind: ResourceKind.MobileStage,
    ownerUnit: 'Cục Xây dựng phong trào bảo vệ An ninh Tổ quốc',
    travelSpeedKmh: 35,
  },
];

/** The central resources, each booked for as many demo venues (by date) as its travel allows. */
async function seedResources(manager: EntityManager, editionId: string, plannerId: string, roadFactor: number): Promise<number> {
  const resources = DEMO_RESOURCES.map(({ key, ...demo }) =>
    manager.create(SharedResource, { id: stableId(`${editionId}:resource:${key}`), editionId, ...demo, bufferMinutes: 120 }),
  );
  await insertMissing(manager, SharedResource, resources);
  const venues = await manager.find(Venue, { where: { editionId, status: VenueStatus.Scheduled }, order: { startsAt: 'ASC', name: 'ASC' } });
  let added = 0;
  for (const resource of resources) {
    const booked = await manager.find(ResourceBooking, { where: { resourceId: resource.id } });
    const spans = booked.map((booking) => ({ ...booking, ...coordinatesOf(venues, booking.venueId) }));
    for (const venue of venues) {
      const id = stableId(`${resource.id}:booking:${venue.id}`);
      if (booked.some((booking) => booking.id === id) || !venue.startsAt || !venue.endsAt) continue;
      // The resource arrives the evening before and leaves after the programme.
      const candidate = {
        venueId: venue.id,
        latitude: venue.latitude,
        longitude: venue.longitude,
        startsAt: new Date(venue.startsAt.getTime() - 14 * 3_600_000),
        endsAt: new Date(venue.endsAt.getTime() + 2 * 3_600_000),
      };
      if (findClash(candidate, spans, resource, roadFactor)) continue;
      const booking = manager.create(ResourceBooking, {
        id,
        resourceId: resource.id,
        venueId: venue.id,
        editionId,
        startsAt: candidate.startsAt,
        endsAt: candidate.endsAt,
        createdBy: plannerId,
        note: 'Lịch demo',
        travelWarning: null,
      });
      await manager.save(booking);
      spans.push({ ...booking, latitude: venue.latitude, longitude: venue.longitude });
      added += 1;
    }
  }
  return added;
}

function coordinatesOf(venues: Venue[], venueId: string): { latitude: number; longitude: number } {
  const venue = venues.find((candidate) => candidate.id === venueId);
  return { latitude: venue?.latitude ?? 0, longitude: venue?.longitude ?? 0 };
}

/** Three budget lines per venue, amounts stable per venue; the security line already spent. */
async function seedBudget(manager: EntityManager, venues: Venue[]): Promise<void> {
  const million = (venue: Venue, salt: string, from: number, span: number) =>
    (from + (parseInt(stableId(`${venue.id}:${salt}`).slice(0, 4), 16) % span)) * 1_000_000;
  const lines = venues.flatMap((venue) => [
    manager.create(BudgetLine, {
      id: stableId(`${venue.id}:budget:security`),
      venueId: venue.id,
      editionId: venue.editionId,
      category: BudgetCategory.Security,
      description: 'Bảo đảm an ninh, trật tự khu vực tổ chức',
      plannedVnd: million(venue, 'security', 60, 60),
      actualVnd: million(venue, 'security-actual', 55, 70),
      fundingSource: FundingSource.ProvincialBudget,
    }),
    manager.create(BudgetLine, {
      id: stableId(`${venue.id}:budget:stage`),
      venueId: venue.id,
      editionId: venue.editionId,
      category: BudgetCategory.StageSoundDecor,
      description: 'Sân khấu, âm thanh, khánh tiết',
      plannedVnd: million(venue, 'stage', 90, 60),
      actualVnd: null,
      fundingSource: FundingSource.CentralBudget,
    }),
    manager.create(BudgetLine, {
      id: stableId(`${venue.id}:budget:gifts`),
      venueId: venue.id,
      editionId: venue.editionId,
      category: BudgetCategory.Gifts,
      description: 'Quà tặng gia đình chính sách, hộ nghèo',
      plannedVnd: million(venue, 'gifts', 30, 40),
      actualVnd: null,
      fundingSource: FundingSource.Socialized,
    }),
  ]);
  await insertMissing(manager, BudgetLine, lines);
}

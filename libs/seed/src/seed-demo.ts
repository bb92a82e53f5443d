/**
 * The demo edition for the coming year: 30 approved and scheduled central venues weighted to Tây Bắc,
 * Tây Nguyên and Tây Nam Bộ, their programmes from the default template, 40 leaders with tiers and
 * availability, chief guests assigned where a leader is free, each venue's logistics checklist, one planner, organizers for several
 * provinces and a viewer. Idempotent: rows have ids derived from stable keys and are inserted with
 * ON CONFLICT DO NOTHING, so a second run adds nothing and changes nothing.
 *
 * Demo rows with stable ids are not what any service's write path makes (no actor, no workflow, no
 * events), so the seed writes them through the bulk insert functions the owning libraries export
 * (insertVenues, insertLeaders, insertChecklists, insertBookings…), each given this transaction's
 * EntityManager, and reads through their read functions: like every other module it names no other
 * library's table or entity class (test/architecture/module-boundaries.spec.ts holds it to that). It
 * applies their rules (programme layout, task template, resource clashes, leader availability) and
 * auth's account functions. One INSERT per table, or per kind of row, for the whole edition.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '@app/audit';
import { accountExists, accountIdByEmail, hashPassword, insertAccount, MIN_PASSWORD_LENGTH, Role, SYSTEM_ACTOR } from '@app/auth';
import { AfterCommit, localToInstant, todayInFestivalZone } from '@app/common';
import type { AppConfig } from '@app/config';
import { defaultWindow, editionIdOfYear, insertEdition } from '@app/editions';
import {
  AssignmentRole,
  assignmentsAtVenues,
  CENTRAL_CHIEF_GUEST_MIN_TIER,
  insertAssignments,
  insertLeaders,
  insertParticipations,
  isUnavailableOn,
  leadersByName,
  RANK_TIER_ORDER,
  RankTier,
} from '@app/leaders';
import {
  bookingSpansOfResources,
  BudgetCategory,
  DEFAULT_TASK_TEMPLATE,
  findClash,
  FundingSource,
  insertBookings,
  insertBudgetLines,
  insertChecklists,
  insertResources,
  OrganizerReminders,
  ResourceKind,
} from '@app/logistics';
import { ReminderScheduler } from '@app/reminders';
import { DEFAULT_PROGRAMME_TEMPLATE, insertTemplateProgrammes } from '@app/programmes';
import { findVenues, insertVenues, scheduledVenueIdsOfEdition, type Venue, VenueStatus, VenueTier } from '@app/venues';
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

    const venues = DEMO_VENUES.map((demo) => ({
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
    }));
    const newVenues = await insertVenues(manager, venues);
    const added = DEMO_VENUES.map((demo, index) => ({ demo, venue: venues[index] })).filter(({ venue }) => newVenues.has(venue.id));
    // The same rules the API applies: every item inside the venue's hours, none overlapping.
    await insertTemplateProgrammes(
      manager,
      DEFAULT_PROGRAMME_TEMPLATE,
      added.map(({ demo, venue }) => ({ venueId: venue.id, startTime: demo.startTime, endTime: demo.endTime })),
    );
    // The default checklist of each new venue, with 0–3 of the first tasks already done (stable per venue).
    await insertChecklists(
      manager,
      DEFAULT_TASK_TEMPLATE,
      added.map(({ venue }) => ({ venueId: venue.id, editionId, anchor: venue.scheduledDate, done: parseInt(venue.id.slice(0, 2), 16) % 4 })),
    );

    const leaders = DEMO_LEADERS.map((demo) => ({
      id: stableId(`leader:${demo.key}`),
      fullName: demo.fullName,
      position: demo.position,
      rankTier: demo.rankTier,
      organisation: demo.organisation,
      officeEmail: demo.officeEmail,
      officePhone: demo.officePhone,
      homeProvinceCode: demo.homeProvinceCode,
      preferredDates: demo.preferredDates.map(date),
      unavailability: demo.unavailability.map((range) => ({ startDate: date(range.start), endDate: date(range.end), reason: range.reason })),
    }));
    const newLeaders = await insertLeaders(manager, leaders);
    await insertParticipations(
      manager,
      leaders.map((leader) => ({ id: stableId(`${year}:participation:${leader.id}`), editionId, leaderId: leader.id, title: leader.position })),
    );

    const scheduled = await scheduledVenues(manager, editionId);
    const assigned = await assignChiefGuests(
      manager,
      scheduled,
      venues.map((venue) => venue.id),
    );
    const accounts = await seedAccounts(manager, password);
    const plannerId = (await accountIdByEmail(manager, DEMO_ACCOUNTS[0].email))!;
    const bookings = await seedResources(manager, editionId, scheduled, plannerId, config.ROAD_DISTANCE_FACTOR);
    await seedBudget(manager, venues);
    // Organizer reminders as the API would plan them. Rows only: the worker's reconciler enqueues
    // each one as it comes within its horizon (Postgres is the truth), so no Redis is needed here.
    const organizerReminders = new OrganizerReminders(new ReminderScheduler(null as never, config));
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
  const existing = await editionIdOfYear(manager, year);
  if (existing) return existing;
  const edition = await insertEdition(manager, {
    id: stableId(`edition:${year}`),
    year,
    theme: 'Toàn dân chung sức bảo vệ an ninh Tổ quốc, xây dựng cơ sở vững mạnh',
    ...defaultWindow(year),
  });
  await recordAudit(manager, { actor: SYSTEM_ACTOR, entityType: 'edition', entityId: edition.id, action: 'create', after: edition, note: 'demo seed' });
  return edition.id;
}

/** The edition's scheduled venues by date, then name. */
async function scheduledVenues(manager: EntityManager, editionId: string): Promise<Venue[]> {
  const ids = await scheduledVenueIdsOfEdition(manager, editionId);
  const byId = new Map((await findVenues(manager, ids)).map((venue) => [venue.id, venue]));
  return ids.map((id) => byId.get(id)!);
}

/**
 * Gives each scheduled venue without a chief guest the most senior free demo leader (one venue per
 * leader). Busy: the leaders assigned at the edition's scheduled venues or at the demo's own.
 */
async function assignChiefGuests(manager: EntityManager, venues: readonly Venue[], demoVenueIds: readonly string[]): Promise<number> {
  const leaders = (
    await leadersByName(
      manager,
      DEMO_LEADERS.map((demo) => stableId(`leader:${demo.key}`)),
    )
  )
    .filter((leader) => CHIEF_GUEST_TIERS.includes(leader.rankTier))
    .sort((a, b) => RANK_TIER_ORDER.indexOf(a.rankTier) - RANK_TIER_ORDER.indexOf(b.rankTier));
  const existing = await assignmentsAtVenues(manager, [...new Set([...venues.map((venue) => venue.id), ...demoVenueIds])]);
  const busy = new Set(existing.map((assignment) => assignment.leaderId));
  const covered = new Set(existing.filter((assignment) => assignment.role === AssignmentRole.ChiefGuest).map((assignment) => assignment.venueId));

  const created: { venueId: string; leaderId: string; role: AssignmentRole }[] = [];
  for (const venue of venues) {
    if (covered.has(venue.id) || !venue.scheduledDate) continue;
    const leader = leaders.find((candidate) => !busy.has(candidate.id) && !isUnavailableOn(candidate.unavailability ?? [], venue.scheduledDate!));
    if (!leader) continue;
    busy.add(leader.id);
    created.push({ venueId: venue.id, leaderId: leader.id, role: AssignmentRole.ChiefGuest });
  }
  await insertAssignments(manager, created);
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

/** The central resources, each booked for as many demo venues (by start) as its travel allows. */
async function seedResources(manager: EntityManager, editionId: string, venues: readonly Venue[], plannerId: string, roadFactor: number): Promise<number> {
  const resources = DEMO_RESOURCES.map(({ key, ...demo }) => ({ id: stableId(`${editionId}:resource:${key}`), editionId, ...demo, bufferMinutes: 120 }));
  await insertResources(manager, resources);
  // By start, then (as read) by name: a stable sort of the date-and-name order.
  const byStart = [...venues].sort((a, b) => (a.startsAt?.getTime() ?? Infinity) - (b.startsAt?.getTime() ?? Infinity));
  const booked = await bookingSpansOfResources(
    manager,
    resources.map((resource) => resource.id),
  );
  const bookings: Parameters<typeof insertBookings>[1][number][] = [];
  for (const resource of resources) {
    const own = booked.filter((booking) => booking.resourceId === resource.id);
    const spans = own.map((booking) => ({ ...booking, ...coordinatesOf(venues, booking.venueId) }));
    for (const venue of byStart) {
      const id = stableId(`${resource.id}:booking:${venue.id}`);
      if (own.some((booking) => booking.id === id) || !venue.startsAt || !venue.endsAt) continue;
      // The resource arrives the evening before and leaves after the programme.
      const candidate = {
        venueId: venue.id,
        latitude: venue.latitude,
        longitude: venue.longitude,
        startsAt: new Date(venue.startsAt.getTime() - 14 * 3_600_000),
        endsAt: new Date(venue.endsAt.getTime() + 2 * 3_600_000),
      };
      if (findClash(candidate, spans, resource, roadFactor)) continue;
      const booking = {
        id,
        resourceId: resource.id,
        venueId: venue.id,
        editionId,
        startsAt: candidate.startsAt,
        endsAt: candidate.endsAt,
        createdBy: plannerId,
        note: 'Lịch demo',
        travelWarning: null,
      };
      bookings.push(booking);
      spans.push({ ...booking, latitude: venue.latitude, longitude: venue.longitude });
    }
  }
  return (await insertBookings(manager, bookings)).size;
}

function coordinatesOf(venues: readonly Venue[], venueId: string): { latitude: number; longitude: number } {
  const venue = venues.find((candidate) => candidate.id === venueId);
  return { latitude: venue?.latitude ?? 0, longitude: venue?.longitude ?? 0 };
}

/** Three budget lines per venue, amounts stable per venue; the security line already spent. */
async function seedBudget(manager: EntityManager, venues: readonly { id: string; editionId: string }[]): Promise<void> {
  const million = (venue: { id: string }, salt: string, from: number, span: number) =>
    (from + (parseInt(stableId(`${venue.id}:${salt}`).slice(0, 4), 16) % span)) * 1_000_000;
  const lines = venues.flatMap((venue) => [
    {
      id: stableId(`${venue.id}:budget:security`),
      venueId: venue.id,
      editionId: venue.editionId,
      category: BudgetCategory.Security,
      description: 'Bảo đảm an ninh, trật tự khu vực tổ chức',
      plannedVnd: million(venue, 'security', 60, 60),
      actualVnd: million(venue, 'security-actual', 55, 70),
      fundingSource: FundingSource.ProvincialBudget,
    },
    {
      id: stableId(`${venue.id}:budget:stage`),
      venueId: venue.id,
      editionId: venue.editionId,
      category: BudgetCategory.StageSoundDecor,
      description: 'Sân khấu, âm thanh, khánh tiết',
      plannedVnd: million(venue, 'stage', 90, 60),
      actualVnd: null,
      fundingSource: FundingSource.CentralBudget,
    },
    {
      id: stableId(`${venue.id}:budget:gifts`),
      venueId: venue.id,
      editionId: venue.editionId,
      category: BudgetCategory.Gifts,
      description: 'Quà tặng gia đình chính sách, hộ nghèo',
      plannedVnd: million(venue, 'gifts', 30, 40),
      actualVnd: null,
      fundingSource: FundingSource.Socialized,
    },
  ]);
  await insertBudgetLines(manager, lines);
}

/**
 * Test data, written straight to the database so each test sets up only what it needs and then
 * exercises the behaviour under test through HTTP.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '@app/auth/password';
import { Role } from '@app/auth';
import { User } from '@app/auth/user.entity';
import { localToInstant } from '@app/common/time';
import { Edition, EditionStatus } from '@app/editions/edition.entity';
import { defaultWindow } from '@app/editions/edition-rules';
import { Leader, LeaderUnavailability, RankTier } from '@app/leaders/leader.entities';
import { Region } from '@app/provinces/region';
import { Venue } from '@app/venues/venue.entity';
import { HostKind, VenueStatus, VenueTier } from '@app/venues/venue.enums';

export const TEST_PASSWORD = 'mật-khẩu-thử-nghiệm-đủ-dài';
let passwordHash: Promise<string> | undefined;

export async function createUser(dataSource: DataSource, role: Role, provinceCode: string | null = null, overrides: Partial<User> = {}): Promise<User> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return dataSource.getRepository(User).save({
    email: `${role}-${randomUUID().slice(0, 8)}@test.ngayhoi.vn`,
    fullName: `Người dùng thử ${role}`,
    role,
    provinceCode,
    passwordHash: await passwordHash,
    ...overrides,
  });
}

/** A fresh edition with a year no other test uses (editions are unique per year). */
/**
 * A year no edition holds yet that the API accepts (2000–2100): for editions a test creates through the
 * API. The factory below takes the year after the newest from 2030 on, so a whole run of suites sharing
 * one database fills 2030–2100 before it ends (more than 71 editions); then the years before 2030 serve.
 */
export async function freeEditionYear(dataSource: DataSource): Promise<number> {
  const [found] = await dataSource.query(
    `SELECT y::int AS year FROM generate_series(2000, 2100) y WHERE NOT EXISTS (SELECT 1 FROM editions WHERE editions.year = y)
      ORDER BY y < 2030, y LIMIT 1`,
  );
  if (!found) throw new Error('every year from 2000 to 2100 has an edition in the test database');
  return found.year;
}

export async function createEdition(dataSource: DataSource, overrides: Partial<Edition> = {}): Promise<Edition> {
  const [{ year }] = await dataSource.query(`SELECT GREATEST(COALESCE(MAX(year), 0) + 1, 2030) AS year FROM editions`);
  return dataSource.getRepository(Edition).save({
    year,
    theme: 'Đợt thử nghiệm',
    ...defaultWindow(year),
    status: EditionStatus.Planning,
    ...overrides,
  });
}

export interface VenueOptions extends Partial<Venue> {
  /** Schedules the venue on this `YYYY-MM-DD` date from 07:30 to 11:30 local time. */
  scheduleOn?: string;
  hours?: [string, string];
}

export async function createVenue(dataSource: DataSource, edition: Edition, provinceCode: string, options: VenueOptions = {}): Promise<Venue> {
  const { scheduleOn, hours = ['07:30', '11:30'], ...overrides } = options;
  return dataSource.getRepository(Venue).save({
    editionId: edition.id,
    name: `Điểm thử ${randomUUID().slice(0, 8)}`,
    tier: VenueTier.Central,
    provinceCode,
    communeName: 'Xã Thử Nghiệm',
    hamletName: 'Bản Mới',
    hostKind: HostKind.Ban,
    address: 'Bản Mới, xã Thử Nghiệm',
    latitude: 22.1,
    longitude: 103.2,
    region: Region.TayBac,
    areaFlags: [],
    expectedAttendance: 500,
    candidateDates: [],
    status: scheduleOn ? VenueStatus.Scheduled : VenueStatus.Nominated,
    scheduledDate: scheduleOn ?? null,
    startsAt: scheduleOn ? localToInstant(scheduleOn, hours[0]) : null,
    endsAt: scheduleOn ? localToInstant(scheduleOn, hours[1]) : null,
    ...overrides,
  });
}

export async function createLeader(dataSource: DataSource, overrides: Partial<Leader> = {}, unavailable: Array<[string, string]> = []): Promise<Leader> {
  const leader = await dataSource.getRepository(Leader).save({
    fullName: `Lãnh đạo ${randomUUID().slice(0, 6)}`,
    position: 'Bộ trưởng',
    rankTier: RankTier.Ministerial,
    organisation: 'Chính phủ',
    officeEmail: `vp-${randomUUID().slice(0, 8)}@vanphong.example.vn`,
    officePhone: '024 3823 0001',
    homeProvinceCode: '12',
    preferredDates: [],
    ...overrides,
  });
  for (const [startDate, endDate] of unavailable) {
    await dataSource.getRepository(LeaderUnavailability).save({ leaderId: leader.id, startDate, endDate, reason: 'Công tác' });
  }
  return leader;
}

export async function auditEntriesFor(dataSource: DataSource, entityType: string, entityId: string) {
  return dataSource.query(`SELECT action, actor_id, changes, note FROM audit_entries WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`, [
    entityType,
    entityId,
  ]);
}

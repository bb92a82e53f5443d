import { DomainError, ForbiddenError } from '@app/common';
import { Actor, assertCanWriteProvince, canSeeVenueLeaders, canWriteProvince } from './actor';
import { Role } from './role.enums';

function makeActor(role: Role, provinceCode: string | null = null): Actor {
  return { id: `${role}-${provinceCode ?? 'all'}`, email: `${role}@example.vn`, role, provinceCode };
}

const planner = makeActor(Role.CentralPlanner);
const organizer = makeActor(Role.ProvincialOrganizer, '66');
const viewer = makeActor(Role.Viewer);

describe('canWriteProvince', () => {
  it.each(['01', '66', '79'])('lets a central planner write in province %s', (code) => {
    expect(canWriteProvince(planner, code)).toBe(true);
  });

  it('lets a provincial organizer write in their own province', () => {
    expect(canWriteProvince(organizer, '66')).toBe(true);
  });

  it('refuses a provincial organizer in another province', () => {
    expect(canWriteProvince(organizer, '79')).toBe(false);
  });

  it('refuses a provincial organizer who has no province', () => {
    expect(canWriteProvince(makeActor(Role.ProvincialOrganizer, null), '66')).toBe(false);
  });

  it.each([null, '66'])('refuses a viewer (province %s) everywhere', (provinceCode) => {
    const someViewer = makeActor(Role.Viewer, provinceCode);
    expect(canWriteProvince(someViewer, '66')).toBe(false);
    expect(canWriteProvince(someViewer, '01')).toBe(false);
  });
});

describe('assertCanWriteProvince', () => {
  it('passes for a planner and for an organizer in their own province', () => {
    expect(() => assertCanWriteProvince(planner, '79')).not.toThrow();
    expect(() => assertCanWriteProvince(organizer, '66')).not.toThrow();
  });

  it.each([
    ['an organizer of another province', organizer],
    ['a viewer', viewer],
  ])('throws 403 PROVINCE_SCOPE for %s', (_label, actor) => {
    let error: unknown;
    try {
      assertCanWriteProvince(actor, '79');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ status: 403, code: 'PROVINCE_SCOPE' });
    expect((error as Error).message).toContain('tỉnh, thành phố mình phụ trách');
  });
});

describe('canSeeVenueLeaders', () => {
  it.each(['01', '66', '79'])('lets a planner see the leaders of venues in province %s', (code) => {
    expect(canSeeVenueLeaders(planner, code)).toBe(true);
  });

  it.each(['01', '66', '79'])('hides the leaders of venues in province %s from a viewer (movements in bulk, as the export)', (code) => {
    expect(canSeeVenueLeaders(viewer, code)).toBe(false);
  });

  it('lets an organizer see the leaders of their own province’s venues', () => {
    expect(canSeeVenueLeaders(organizer, '66')).toBe(true);
  });

  it('hides the leaders of other provinces’ venues from an organizer', () => {
    expect(canSeeVenueLeaders(organizer, '79')).toBe(false);
  });

  it('hides every venue’s leaders from an organizer without a province', () => {
    expect(canSeeVenueLeaders(makeActor(Role.ProvincialOrganizer, null), '66')).toBe(false);
  });
});

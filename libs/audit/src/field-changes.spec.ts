import { diffFields } from './field-changes';

const CREATED = new Date('2027-05-01T02:00:00.000Z');
const UPDATED = new Date('2027-05-02T03:00:00.000Z');

function venueRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'venue-1',
    name: 'Thôn Buôn Ma',
    status: 'nominated',
    scheduledDate: null,
    startsAt: null,
    areaFlags: ['bien_gioi', 'mien_nui'],
    version: 1,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

describe('diffFields on a create (before is null)', () => {
  it('records every set field with before null', () => {
    const changes = diffFields(null, { id: 'u1', name: 'Thôn A', capacity: 300, active: false });
    expect(changes).toEqual({
      id: { before: null, after: 'u1' },
      name: { before: null, after: 'Thôn A' },
      capacity: { before: null, after: 300 },
      active: { before: null, after: false },
    });
  });

  it('turns dates into ISO strings', () => {
    expect(diffFields(null, { startsAt: new Date('2027-08-12T00:30:00.000Z') })).toEqual({
      startsAt: { before: null, after: '2027-08-12T00:30:00.000Z' },
    });
  });

  it('leaves out bookkeeping columns and fields that are still null', () => {
    const changes = diffFields(null, venueRow());
    expect(Object.keys(changes).sort()).toEqual(['areaFlags', 'id', 'name', 'status']);
  });
});

describe('diffFields on an update', () => {
  it('records only the fields whose value changed', () => {
    const before = venueRow();
    const after = venueRow({ status: 'shortlisted', version: 2, updatedAt: UPDATED });
    expect(diffFields(before, after)).toEqual({ status: { before: 'nominated', after: 'shortlisted' } });
  });

  it('gives no changes for identical rows', () => {
    expect(diffFields(venueRow(), venueRow())).toEqual({});
  });

  it('compares dates by instant, not by object identity', () => {
    const before = venueRow({ startsAt: new Date('2027-08-12T00:30:00.000Z') });
    const after = venueRow({ startsAt: new Date('2027-08-12T00:30:00.000Z') });
    expect(diffFields(before, after)).toEqual({});
  });

  it('records a changed date as ISO strings on both sides', () => {
    const before = venueRow({ startsAt: new Date('2027-08-12T00:30:00.000Z') });
    const after = venueRow({ startsAt: new Date('2027-08-13T01:00:00.000Z') });
    expect(diffFields(before, after)).toEqual({
      startsAt: { before: '2027-08-12T00:30:00.000Z', after: '2027-08-13T01:00:00.000Z' },
    });
  });

  it('records a date being set from null', () => {
    expect(diffFields(venueRow(), venueRow({ scheduledDate: '2027-08-12' }))).toEqual({
      scheduledDate: { before: null, after: '2027-08-12' },
    });
  });

  it('compares arrays by value', () => {
    expect(diffFields(venueRow({ areaFlags: ['bien_gioi'] }), venueRow({ areaFlags: ['bien_gioi'] }))).toEqual({});
    expect(diffFields(venueRow({ areaFlags: ['bien_gioi'] }), venueRow({ areaFlags: ['bien_gioi', 'hai_dao'] }))).toEqual({
      areaFlags: { before: ['bien_gioi'], after: ['bien_gioi', 'hai_dao'] },
    });
  });

  it('treats a reordered array as a change', () => {
    expect(diffFields({ tags: ['a', 'b'] }, { tags: ['b', 'a'] })).toEqual({ tags: { before: ['a', 'b'], after: ['b', 'a'] } });
  });

  it('compares arrays of plain objects by value (e.g. programme items)', () => {
    const items = () => [{ title: 'Chào cờ', startTime: '07:30' }];
    expect(diffFields({ items: items() }, { items: items() })).toEqual({});
    expect(diffFields({ items: items() }, { items: [{ title: 'Chào cờ', startTime: '07:45' }] })).toEqual({
      items: { before: [{ title: 'Chào cờ', startTime: '07:30' }], after: [{ title: 'Chào cờ', startTime: '07:45' }] },
    });
  });

  it.each(['version', 'createdAt', 'updatedAt', 'passwordHash', 'rsvpTokenHash', 'tokenHash'])('ignores %s', (field) => {
    expect(diffFields({ [field]: 'old' }, { [field]: 'new' })).toEqual({});
  });

  it('never records a password hash, even on create', () => {
    expect(diffFields(null, { email: 'a@b.vn', passwordHash: '$argon2id$secret' })).toEqual({ email: { before: null, after: 'a@b.vn' } });
  });

  it("never records an invitation's RSVP token hash, even on create (the audit log is answered by GET /audit)", () => {
    expect(diffFields(null, { status: 'draft', rsvpTokenHash: 'ab12' })).toEqual({ status: { before: null, after: 'draft' } });
  });

  it('skips relation objects (entity instances), on either side', () => {
    class Province {
      constructor(
        readonly code: string,
        readonly name: string,
      ) {}
    }
    const province = new Province('66', 'Đắk Lắk');
    expect(diffFields({ provinceCode: '66', province }, { provinceCode: '79', province: new Province('79', 'Thành phố Hồ Chí Minh') })).toEqual({
      provinceCode: { before: '66', after: '79' },
    });
    expect(diffFields({ province: null }, { province })).toEqual({});
    expect(diffFields({ province }, {})).toEqual({});
  });

  it('records a plain-object value (a jsonb column such as a proposed substitute)', () => {
    const substitute = { name: 'Nguyễn Văn Bình', position: 'Cục trưởng', email: 'binh@example.vn', phone: null, leaderId: null };
    expect(diffFields({ status: 'sent', substitute: null }, { status: 'substitute_proposed', substitute })).toEqual({
      status: { before: 'sent', after: 'substitute_proposed' },
      substitute: { before: null, after: substitute },
    });
    expect(diffFields({ substitute }, { substitute: { ...substitute } })).toEqual({});
  });

  it('treats a missing or undefined field as null', () => {
    expect(diffFields({ notes: undefined }, { notes: null })).toEqual({});
    expect(diffFields({}, { notes: 'mới' })).toEqual({ notes: { before: null, after: 'mới' } });
    expect(diffFields({ notes: 'cũ' }, { notes: undefined })).toEqual({ notes: { before: 'cũ', after: null } });
  });

  it('distinguishes values that only look alike (number vs string, false vs null)', () => {
    expect(diffFields({ capacity: 300 }, { capacity: '300' })).toEqual({ capacity: { before: 300, after: '300' } });
    expect(diffFields({ active: false }, { active: null })).toEqual({ active: { before: false, after: null } });
  });
});

describe('diffFields on a delete (after is null)', () => {
  it('records every set field with after null, and nothing for bookkeeping columns', () => {
    const changes = diffFields(venueRow({ startsAt: new Date('2027-08-12T00:30:00.000Z') }), null);
    expect(changes).toEqual({
      id: { before: 'venue-1', after: null },
      name: { before: 'Thôn Buôn Ma', after: null },
      status: { before: 'nominated', after: null },
      startsAt: { before: '2027-08-12T00:30:00.000Z', after: null },
      areaFlags: { before: ['bien_gioi', 'mien_nui'], after: null },
    });
  });

  it('gives no changes when both sides are null', () => {
    expect(diffFields(null, null)).toEqual({});
  });
});

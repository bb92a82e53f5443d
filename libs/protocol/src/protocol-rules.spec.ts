import { RankTier } from '@app/leaders';
import {
  type Attendee,
  fillFrontRows,
  orderOfPrecedence,
  PrecedenceGroup,
  seatedAttendees,
  seatFillingOrder,
  seatingChanges,
  seatingPlanFault,
} from './protocol-rules';

const person = (key: string, name: string, extra: Partial<Attendee> = {}): Attendee => ({
  key,
  name,
  title: null,
  group: PrecedenceGroup.Central,
  tier: RankTier.Ministerial,
  deputy: false,
  chiefGuest: false,
  rank: null,
  ...extra,
});

describe('orderOfPrecedence', () => {
  it('puts central delegates by tier first, then provincial leaders, local officials and guests by the province’s rank', () => {
    const attendees = [
      person('g1', 'Khách A', { group: PrecedenceGroup.Guest, tier: null }),
      person('p2', 'Phó Bí thư', { group: PrecedenceGroup.ProvincialLeader, tier: null, rank: 2 }),
      person('m', 'Bộ trưởng', { tier: RankTier.Ministerial }),
      person('l', 'Chủ tịch huyện', { group: PrecedenceGroup.LocalOfficial, tier: null }),
      person('p1', 'Bí thư Tỉnh ủy', { group: PrecedenceGroup.ProvincialLeader, tier: null, rank: 1 }),
      person('pb', 'Ủy viên Bộ Chính trị', { tier: RankTier.Politburo }),
      person('p0', 'Chủ tịch tỉnh', { group: PrecedenceGroup.ProvincialLeader, tier: null }),
    ];
    expect(orderOfPrecedence(attendees, []).map((a) => [a.key, a.position])).toEqual([
      ['pb', 1],
      ['m', 2],
      ['p1', 3],
      ['p2', 4],
      ['p0', 5],
      ['l', 6],
      ['g1', 7],
    ]);
  });

  it('seats a deputy after the leaders of their principal’s tier, and the chief guest first among equals', () => {
    const attendees = [
      person('deputy', 'An', { tier: RankTier.Politburo, deputy: true }),
      person('other', 'Bình', { tier: RankTier.Politburo }),
      person('chief', 'Yến', { tier: RankTier.Politburo, chiefGuest: true }),
      person('minister', 'Ánh', { tier: RankTier.Ministerial }),
    ];
    expect(orderOfPrecedence(attendees, []).map((a) => a.key)).toEqual(['chief', 'other', 'deputy', 'minister']);
  });

  it('breaks ties by Vietnamese name order, then key, whatever order the rows came in', () => {
    const names = ['Đặng Văn Ba', 'Dương Thị Tư', 'Bùi Văn An', 'Âu Thị Hà'];
    const attendees = names.map((name, index) => person(`k${index}`, name));
    const forward = orderOfPrecedence(attendees, []).map((a) => a.name);
    expect(forward).toEqual(['Âu Thị Hà', 'Bùi Văn An', 'Dương Thị Tư', 'Đặng Văn Ba']);
    expect(orderOfPrecedence([...attendees].reverse(), []).map((a) => a.name)).toEqual(forward);
    const twins = [person('b', 'Lê Văn Nam'), person('a', 'Lê Văn Nam')];
    expect(orderOfPrecedence(twins, []).map((a) => a.key)).toEqual(['a', 'b']);
  });

  it('lets an override take its position (others keep their order around it), ignores one for someone absent, clamps past the end', () => {
    const attendees = [person('a', 'A', { tier: RankTier.Politburo }), person('b', 'B'), person('c', 'C', { group: PrecedenceGroup.Guest })];
    const moved = orderOfPrecedence(attendees, [
      { attendeeKey: 'c', position: 1, reason: 'Anh hùng lực lượng vũ trang' },
      { attendeeKey: 'gone', position: 2, reason: 'không đến' },
    ]);
    expect(moved.map((a) => [a.key, a.position, a.overrideReason])).toEqual([
      ['c', 1, 'Anh hùng lực lượng vũ trang'],
      ['a', 2, null],
      ['b', 3, null],
    ]);
    expect(orderOfPrecedence(attendees, [{ attendeeKey: 'a', position: 99, reason: 'cuối' }]).map((a) => a.key)).toEqual(['b', 'c', 'a']);
  });
});

describe('seats', () => {
  it('puts the press last and leaves them out of the front rows', () => {
    const ordered = orderOfPrecedence(
      [
        person('pr', 'An Phóng Viên', { group: PrecedenceGroup.Press, tier: null }),
        person('g', 'Khách B', { group: PrecedenceGroup.Guest, tier: null }),
        person('m', 'Bộ trưởng'),
      ],
      [],
    );
    expect(ordered.map((a) => a.key)).toEqual(['m', 'g', 'pr']);
    expect(seatedAttendees(ordered).map((a) => a.key)).toEqual(['m', 'g']);
    expect(fillFrontRows(seatedAttendees(ordered), 1, 3).map((seat) => seat.attendeeKey)).not.toContain('pr');
  });

  it('fills a row from the centre, then right and left alternately', () => {
    expect(seatFillingOrder(5)).toEqual([3, 4, 2, 5, 1]);
    expect(seatFillingOrder(4)).toEqual([2, 3, 1, 4]);
    expect(seatFillingOrder(1)).toEqual([1]);
  });

  it('fills the first row before the second, and leaves out who does not fit', () => {
    const ordered = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((key) => ({ key }));
    expect(fillFrontRows(ordered, 2, 3)).toEqual([
      { row: 1, seat: 1, attendeeKey: 'c' },
      { row: 1, seat: 2, attendeeKey: 'a' },
      { row: 1, seat: 3, attendeeKey: 'b' },
      { row: 2, seat: 1, attendeeKey: 'f' },
      { row: 2, seat: 2, attendeeKey: 'd' },
      { row: 2, seat: 3, attendeeKey: 'e' },
    ]);
  });

  it('flags who left, who has no seat and (for a generated plan) who moved', () => {
    const saved = fillFrontRows([{ key: 'a' }, { key: 'b' }, { key: 'c' }], 1, 3);
    const current = fillFrontRows([{ key: 'a' }, { key: 'd' }, { key: 'c' }], 1, 3);
    const attending = new Set(['a', 'c', 'd']);
    expect(seatingChanges(saved, current, attending, false)).toEqual([
      { kind: 'left', attendeeKey: 'b', row: 1, seat: 3 },
      { kind: 'unseated', attendeeKey: 'd', shouldSit: { row: 1, seat: 3 } },
    ]);
    const reordered = fillFrontRows([{ key: 'c' }, { key: 'a' }], 1, 3);
    expect(seatingChanges(fillFrontRows([{ key: 'a' }, { key: 'c' }], 1, 3), reordered, new Set(['a', 'c']), false)).toEqual([
      { kind: 'moved', attendeeKey: 'c', from: { row: 1, seat: 3 }, to: { row: 1, seat: 2 } },
      { kind: 'moved', attendeeKey: 'a', from: { row: 1, seat: 2 }, to: { row: 1, seat: 3 } },
    ]);
    // A plan edited by hand keeps its choices: only arrivals and departures are flagged.
    expect(seatingChanges(fillFrontRows([{ key: 'a' }, { key: 'c' }], 1, 3), reordered, new Set(['a', 'c']), true)).toEqual([]);
  });

  it('refuses a hand-edited plan with a seat outside the rows, a seat taken twice, a person seated twice or someone not attending', () => {
    const attending = new Set(['a', 'b']);
    expect(seatingPlanFault([{ row: 1, seat: 1, attendeeKey: 'a' }], 1, 3, attending)).toBeNull();
    expect(seatingPlanFault([{ row: 2, seat: 1, attendeeKey: 'a' }], 1, 3, attending)).toBe('Ghế hàng 2, số 1 nằm ngoài sơ đồ (1 hàng × 3 ghế).');
    expect(
      seatingPlanFault(
        [
          { row: 1, seat: 1, attendeeKey: 'a' },
          { row: 1, seat: 1, attendeeKey: 'b' },
        ],
        1,
        3,
        attending,
      ),
    ).toBe('Ghế hàng 1, số 1 được xếp cho hai người.');
    expect(
      seatingPlanFault(
        [
          { row: 1, seat: 1, attendeeKey: 'a' },
          { row: 1, seat: 2, attendeeKey: 'a' },
        ],
        1,
        3,
        attending,
      ),
    ).toBe('Một đại biểu được xếp hai ghế.');
    expect(seatingPlanFault([{ row: 1, seat: 1, attendeeKey: 'x' }], 1, 3, attending)).toBe('Có người được xếp ghế nhưng không có trong danh sách dự.');
  });
});

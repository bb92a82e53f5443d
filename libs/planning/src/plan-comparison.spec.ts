import { comparePlans } from './plan-comparison';

describe('comparePlans', () => {
  const names = {
    venues: new Map([
      ['v1', { name: 'Bản Phố Cao', provinceCode: '11' }],
      ['v2', { name: 'Ấp Mũi', provinceCode: '96' }],
      ['v3', { name: 'Buôn Ako Dhông', provinceCode: '66' }],
    ]),
    leaders: new Map([
      ['a', 'Đồng Chí A'],
      ['b', 'Đồng Chí B'],
      ['c', 'Đồng Chí C'],
    ]),
  };

  it('puts the plan in force next to the proposal, flags what accepting would change, and orders by proposed date', () => {
    const rows = comparePlans(
      {
        venueDates: { v1: '2027-08-18', v2: '2027-08-19', v3: null },
        assignments: [
          { venueId: 'v1', leaderId: 'a', role: 'chief_guest', date: '2027-08-18' },
          { venueId: 'v2', leaderId: 'b', role: 'chief_guest', date: '2027-08-19' },
          { venueId: 'v2', leaderId: 'c', role: 'accompanying', date: '2027-08-19' },
        ],
      },
      {
        venueDates: { v1: '2027-08-18', v2: '2027-08-17' },
        assignments: [
          { venueId: 'v1', leaderId: 'a', role: 'chief_guest', date: '2027-08-18' },
          { venueId: 'v2', leaderId: 'b', role: 'chief_guest', date: '2027-08-17' },
          { venueId: 'v2', leaderId: 'c', role: 'accompanying', date: '2027-08-17' },
        ],
      },
      names,
    );
    expect(rows.map((row) => [row.venueName, row.proposed.date, row.changed])).toEqual([
      ['Ấp Mũi', '2027-08-17', true], // moved a day earlier, same leaders
      ['Bản Phố Cao', '2027-08-18', false],
      ['Buôn Ako Dhông', null, false], // not covered before or after: nothing changes
    ]);
    expect(rows[0].current).toEqual({ date: '2027-08-19', chiefGuest: { id: 'b', name: 'Đồng Chí B' }, accompanying: [{ id: 'c', name: 'Đồng Chí C' }] });
    expect(rows[0].proposed.accompanying).toEqual([{ id: 'c', name: 'Đồng Chí C' }]);
  });

  it('shows a venue the proposal leaves uncovered on its current date, without its leaders, as changed', () => {
    const [row] = comparePlans(
      { venueDates: { v1: '2027-08-18' }, assignments: [{ venueId: 'v1', leaderId: 'a', role: 'chief_guest', date: '2027-08-18' }] },
      { venueDates: {}, assignments: [] },
      names,
    );
    expect(row).toMatchObject({
      current: { chiefGuest: { name: 'Đồng Chí A' } },
      proposed: { date: '2027-08-18', chiefGuest: null, accompanying: [] },
      changed: true,
    });
  });

  it('counts a change of accompanying leaders, not their order', () => {
    const baseline = {
      venueDates: { v1: '2027-08-18' },
      assignments: [
        { venueId: 'v1', leaderId: 'a', role: 'chief_guest' as const, date: '2027-08-18' },
        { venueId: 'v1', leaderId: 'b', role: 'accompanying' as const, date: '2027-08-18' },
        { venueId: 'v1', leaderId: 'c', role: 'accompanying' as const, date: '2027-08-18' },
      ],
    };
    const reordered = { venueDates: { v1: '2027-08-18' }, assignments: [...baseline.assignments].reverse().map((a) => ({ ...a, date: '2027-08-18' })) };
    expect(comparePlans(baseline, reordered, names)[0].changed).toBe(false);
    const swapped = {
      venueDates: { v1: '2027-08-18' },
      assignments: [baseline.assignments[0], { ...baseline.assignments[1], leaderId: 'c' }].map((a) => ({ ...a, date: '2027-08-18' })),
    };
    expect(comparePlans(baseline, swapped, names)[0].changed).toBe(true);
  });
});

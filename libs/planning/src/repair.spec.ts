import { checkPlan } from './check-plan';
import { makeInstance, makeLeader, makeVenue } from '@test/utils/planning-factories';
import type { CurrentAssignment, PlanningInstance } from './planning.types';
import { repairPlan } from './repair';

const chief = (venueId: string, leaderId: string, date = '2027-08-19', fixed?: CurrentAssignment['fixed']): CurrentAssignment => ({
  venueId,
  leaderId,
  date,
  role: 'chief_guest',
  ...(fixed ? { fixed } : {}),
});
const pairs = (instance: PlanningInstance, result: Awaited<ReturnType<typeof repairPlan>>) => {
  expect(checkPlan(instance, result.plan)).toEqual([]);
  return result.plan.assignments.map((a) => `${a.venueId}:${a.leaderId}@${a.date.slice(8)}`).sort();
};

describe('repairPlan', () => {
  it('changes nothing when the current plan still holds, even if a fresh plan would be cheaper', async () => {
    const instance = makeInstance({
      venues: [makeVenue('A', { provinceCode: '11' }), makeVenue('B', { provinceCode: '96' })],
      leaders: [makeLeader('L11', { homeProvinceCode: '11' }), makeLeader('L96', { homeProvinceCode: '96' })],
      current: [chief('A', 'L96'), chief('B', 'L11')],
      settings: { weights: { homeTies: 5 } },
    });
    const result = await repairPlan(instance);
    expect(pairs(instance, result)).toEqual(['A:L96@19', 'B:L11@19']);
    expect(result.changes).toEqual([]);
    expect(result.summary).toBe('Phương án hiện tại vẫn đáp ứng mọi điều kiện; không cần thay đổi phân công nào.');
  });

  it('says what it adds when it only covers a venue the plan in force left without a leader (the summary agrees with the board)', async () => {
    const instance = makeInstance({
      venues: [makeVenue('A'), makeVenue('B')],
      leaders: [makeLeader('L1'), makeLeader('L2')],
      current: [chief('A', 'L1')],
    });
    const result = await repairPlan(instance);
    expect(pairs(instance, result)).toEqual(['A:L1@19', 'B:L2@19']);
    expect(result.changes).toEqual([]);
    expect(result.summary).toBe('Giữ nguyên mọi phân công đang áp dụng. Bổ sung 1 phân công mới cho điểm chưa đủ người dự.');
  });

  it('replaces only the leader who became unavailable, with the reason', async () => {
    const instance = makeInstance({
      venues: [makeVenue('A'), makeVenue('B'), makeVenue('C')],
      leaders: [makeLeader('L1', { availableDates: ['2027-08-13'] }), makeLeader('L2'), makeLeader('L3'), makeLeader('Spare')],
      current: [chief('A', 'L1'), chief('B', 'L2'), chief('C', 'L3')],
    });
    const result = await repairPlan(instance);
    expect(pairs(instance, result)).toEqual(['A:Spare@19', 'B:L2@19', 'C:L3@19']);
    expect(result.changes).toEqual([
      {
        kind: 'leader_replaced',
        venueId: 'A',
        leaderId: 'L1',
        role: 'chief_guest',
        before: { date: '2027-08-19' },
        after: { leaderId: 'Spare', date: '2027-08-19' },
        forcedBy: 'Đồng chí Lãnh đạo L1 bận vào tất cả các ngày có thể tổ chức của điểm (19/08/2027).',
      },
    ]);
  });

  it('finds the shortest chain of changes when no spare leader fits directly', async () => {
    // L1 drops out of A. Only L2 can take A (tier); L2's venue B can be taken by the spare S: two changes.
    const instance = makeInstance({
      venues: [makeVenue('A', { requiredTierRank: 0 }), makeVenue('B', { requiredTierRank: 1 }), makeVenue('C', { requiredTierRank: 1 })],
      leaders: [makeLeader('L1', { availableDates: [] }), makeLeader('L2'), makeLeader('L3', { tierRank: 1 }), makeLeader('S', { tierRank: 1 })],
      current: [chief('A', 'L1'), chief('B', 'L2'), chief('C', 'L3')],
    });
    const result = await repairPlan(instance);
    expect(pairs(instance, result)).toEqual(['A:L2@19', 'B:S@19', 'C:L3@19']);
    expect(result.changes.map((c) => `${c.venueId}:${c.leaderId}`)).toEqual(['A:L1', 'B:L2']);
  });

  it('keeps a venue’s leader and moves only its date when the venue moves', async () => {
    const instance = makeInstance({
      venues: [makeVenue('A', { candidateDates: ['2027-08-16', '2027-08-17'] }), makeVenue('B')],
      leaders: [makeLeader('L1'), makeLeader('L2'), makeLeader('Spare', { preferredDates: ['2027-08-16'] })],
      current: [chief('A', 'L1'), chief('B', 'L2')],
      settings: { weights: { preferredDate: 3 } },
    });
    const result = await repairPlan(instance);
    expect(pairs(instance, result).filter((p) => p.startsWith('A:'))).toEqual([expect.stringMatching(/^A:L1@1[67]$/)]);
    expect(result.changes).toEqual([
      expect.objectContaining({ kind: 'date_moved', venueId: 'A', forcedBy: 'Ngày 19/08/2027 không còn là ngày có thể tổ chức của điểm.' }),
    ]);
  });

  it('breaks a locked or accepted assignment only when no plan covering every venue keeps them, and says so', async () => {
    // L1 drops out of A. Only L2 (locked) or L3 (accepted) have A's tier: one of them must move.
    const instance = makeInstance({
      venues: [makeVenue('A'), makeVenue('B'), makeVenue('C', { requiredTierRank: 1 })],
      leaders: [makeLeader('L1', { availableDates: [] }), makeLeader('L2'), makeLeader('L3'), makeLeader('S', { tierRank: 1 })],
      current: [chief('A', 'L1'), chief('B', 'L2', '2027-08-19', 'locked'), chief('C', 'L3', '2027-08-19', 'accepted')],
    });
    const result = await repairPlan(instance);
    expect(pairs(instance, result)).toEqual(['A:L3@19', 'B:L2@19', 'C:S@19']);
    expect(result.brokenFixed).toHaveLength(1); // C's accepted invitation: the only way to cover A
    expect(result.brokenFixed[0]).toMatchObject({ venueId: 'C', leaderId: 'L3', fixed: 'accepted' });
    expect(result.summary).toContain('Không có phương án nào giữ nguyên tất cả các phân công đã khóa hoặc đã nhận lời');
  });

  it('prefers three changes that keep every locked assignment to two that break one', async () => {
    // L1 drops out of A (top tier). Moving locked L2 from B to A and giving B to S: 2 changes, 1 lock broken.
    // Keeping the lock: L4 D→A, L5 E→D (S is banned at D), S→E: 3 changes.
    const instance = makeInstance({
      venues: [makeVenue('A'), makeVenue('B', { requiredTierRank: 1 }), makeVenue('D', { requiredTierRank: 1 }), makeVenue('E', { requiredTierRank: 1 })],
      leaders: [
        makeLeader('L1', { availableDates: [] }),
        makeLeader('L2'),
        makeLeader('L4'),
        makeLeader('L5', { tierRank: 1 }),
        makeLeader('S', { tierRank: 1 }),
      ],
      bans: [{ leaderId: 'S', venueId: 'D' }],
      current: [chief('A', 'L1'), chief('B', 'L2', '2027-08-19', 'locked'), chief('D', 'L4'), chief('E', 'L5')],
    });
    const result = await repairPlan(instance);
    expect(pairs(instance, result)).toEqual(['A:L4@19', 'B:L2@19', 'D:L5@19', 'E:S@19']);
    expect(result.changes).toHaveLength(3);
    expect(result.brokenFixed).toEqual([]);
    expect(result.summary).toContain('Giữ nguyên toàn bộ 1 phân công đã khóa hoặc đã nhận lời.');
  });

  it('says so when a fixed assignment itself became impossible', async () => {
    const instance = makeInstance({
      venues: [makeVenue('A')],
      leaders: [makeLeader('L1', { availableDates: ['2027-08-13'] }), makeLeader('L2')],
      current: [chief('A', 'L1', '2027-08-19', 'accepted')],
    });
    const result = await repairPlan(instance);
    expect(pairs(instance, result)).toEqual(['A:L2@19']);
    expect(result.brokenFixed).toEqual([expect.objectContaining({ fixed: 'accepted', forcedBy: expect.stringContaining('bận') })]);
    expect(result.summary).toContain('buộc phải thay đổi 1 phân công');
  });
});

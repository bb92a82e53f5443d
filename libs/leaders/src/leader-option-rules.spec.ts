import { LeaderHindrance, type LeaderOptionFacts, leaderOptionVerdict } from './leader-option-rules';
import { RankTier } from './rank-tier';

const facts = (overrides: Partial<LeaderOptionFacts> = {}): LeaderOptionFacts => ({
  venue: { id: 'here', scheduledDate: '2027-08-12', central: true },
  rankTier: RankTier.Ministerial,
  maxAppearances: 2,
  attended: [],
  unavailable: null,
  ...overrides,
});

describe('leaderOptionVerdict', () => {
  it('a free leader with appearances left can attend, and fits a central chief guest from ministerial up', () => {
    expect(leaderOptionVerdict(facts({ attended: [{ id: 'a', name: 'Điểm A', scheduledDate: '2027-08-01' }] }))).toEqual({
      appearancesUsed: 1,
      appearancesAllowed: 2,
      freeOnDate: true,
      canAttend: true,
      fitsChiefGuest: true,
      hindrances: [],
    });
  });

  it('says the unavailability with its dates and reason', () => {
    const verdict = leaderOptionVerdict(facts({ unavailable: { startDate: '2027-08-10', endDate: '2027-08-14', reason: 'Công tác nước ngoài' } }));
    expect(verdict).toMatchObject({ freeOnDate: false, canAttend: false });
    expect(verdict.hindrances).toEqual([{ code: LeaderHindrance.Unavailable, message: 'Bận từ 10/08/2027 đến 14/08/2027 (Công tác nước ngoài).' }]);
  });

  it('names the other venue the same day', () => {
    const verdict = leaderOptionVerdict(facts({ attended: [{ id: 'b', name: 'Điểm Bắc Ninh', scheduledDate: '2027-08-12' }] }));
    expect(verdict).toMatchObject({ freeOnDate: false, canAttend: false, appearancesUsed: 1 });
    expect(verdict.hindrances).toEqual([{ code: LeaderHindrance.Clash, message: 'Đã dự "Điểm Bắc Ninh" cùng ngày 12/08/2027.' }]);
  });

  it('counts used against allowed; the venue itself is not counted', () => {
    const verdict = leaderOptionVerdict(
      facts({
        maxAppearances: 1,
        attended: [
          { id: 'here', name: 'Điểm này', scheduledDate: '2027-08-12' },
          { id: 'c', name: 'Điểm C', scheduledDate: '2027-07-20' },
        ],
      }),
    );
    expect(verdict).toMatchObject({ appearancesUsed: 1, appearancesAllowed: 1, freeOnDate: true, canAttend: false });
    expect(verdict.hindrances.map((hindrance) => hindrance.code)).toEqual([LeaderHindrance.MaxAppearances]);
  });

  it('a provincial leader may accompany a central venue but not be its chief guest; any rank suits a provincial venue', () => {
    const central = leaderOptionVerdict(facts({ rankTier: RankTier.Provincial }));
    expect(central).toMatchObject({ canAttend: true, fitsChiefGuest: false });
    expect(central.hindrances.map((hindrance) => hindrance.code)).toEqual([LeaderHindrance.Tier]);
    expect(leaderOptionVerdict(facts({ rankTier: RankTier.Provincial, venue: { id: 'p', scheduledDate: null, central: false } }))).toMatchObject({
      freeOnDate: null,
      canAttend: true,
      fitsChiefGuest: true,
      hindrances: [],
    });
  });
});

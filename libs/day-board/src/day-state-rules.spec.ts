import { VenueStatus } from '@app/venues';
import { DayState } from './day-state.enums';
import { applyDayState, countByState, dayStateRefusal, type DayStateFacts, INITIAL_DAY_STATE, isSameDayState, nextDayStates } from './day-state-rules';

const venue = { status: VenueStatus.Scheduled, scheduledDate: '2027-08-19' };
const onTheDay = '2027-08-19';
const at = (state: DayState, startedAt: Date | null = null): DayStateFacts => ({ state, startedAt, leaderArrivedAt: null });
const opened = new Date('2027-08-19T01:00:00Z');

describe('the day state machine', () => {
  it('moves forward: not started → leader arrived → started → finished, or straight to started', () => {
    expect(dayStateRefusal(venue, INITIAL_DAY_STATE, DayState.LeaderArrived, null, onTheDay)).toBeNull();
    expect(dayStateRefusal(venue, INITIAL_DAY_STATE, DayState.Started, null, onTheDay)).toBeNull();
    expect(dayStateRefusal(venue, at(DayState.LeaderArrived), DayState.Started, null, onTheDay)).toBeNull();
    expect(dayStateRefusal(venue, at(DayState.Started, opened), DayState.Finished, null, onTheDay)).toBeNull();
  });

  it('cannot finish before the programme started, nor go back, nor change a finished point', () => {
    expect(dayStateRefusal(venue, INITIAL_DAY_STATE, DayState.Finished, null, onTheDay)).toMatchObject({
      code: 'DAY_STATE_TRANSITION',
      status: 409,
      message: 'Chưa khai mạc thì không thể chuyển sang “đã kết thúc”.',
    });
    expect(dayStateRefusal(venue, at(DayState.LeaderArrived), DayState.Finished, null, onTheDay)?.code).toBe('DAY_STATE_TRANSITION');
    expect(dayStateRefusal(venue, at(DayState.Started, opened), DayState.LeaderArrived, null, onTheDay)?.message).toBe(
      'Ngày hội đã khai mạc; không thể chuyển về “lãnh đạo đã đến”.',
    );
    expect(dayStateRefusal(venue, at(DayState.Started, opened), DayState.NotStarted, null, onTheDay)?.message).toBe(
      'Không thể chuyển từ “đã khai mạc” về “chưa bắt đầu”.',
    );
    expect(dayStateRefusal(venue, at(DayState.Finished, opened), DayState.Incident, 'Mất điện', onTheDay)?.message).toBe(
      'Điểm tổ chức đã kết thúc Ngày hội; không thể thay đổi tình hình.',
    );
    expect(nextDayStates(at(DayState.Finished, opened))).toEqual([]);
  });

  it('allows an incident from any started state, with a note; not before the day has begun', () => {
    expect(dayStateRefusal(venue, at(DayState.LeaderArrived), DayState.Incident, 'Mưa lớn', onTheDay)).toBeNull();
    expect(dayStateRefusal(venue, at(DayState.Started, opened), DayState.Incident, 'Mất điện sân khấu', onTheDay)).toBeNull();
    expect(dayStateRefusal(venue, at(DayState.Incident, opened), DayState.Incident, 'Đã có điện dự phòng', onTheDay)).toBeNull();
    expect(dayStateRefusal(venue, INITIAL_DAY_STATE, DayState.Incident, 'Mưa lớn', onTheDay)?.code).toBe('DAY_STATE_TRANSITION');
    expect(dayStateRefusal(venue, at(DayState.Started, opened), DayState.Incident, null, onTheDay)).toMatchObject({
      code: 'DAY_STATE_NOTE_REQUIRED',
      status: 422,
    });
  });

  it('resumes after an incident where it was: before the opening it cannot finish, after it can', () => {
    const before = at(DayState.Incident);
    expect(nextDayStates(before)).toEqual([DayState.LeaderArrived, DayState.Started, DayState.Incident]);
    expect(dayStateRefusal(venue, before, DayState.Finished, null, onTheDay)?.code).toBe('DAY_STATE_TRANSITION');
    const after = at(DayState.Incident, opened);
    expect(nextDayStates(after)).toEqual([DayState.Started, DayState.Finished, DayState.Incident]);
    expect(dayStateRefusal(venue, after, DayState.LeaderArrived, null, onTheDay)?.code).toBe('DAY_STATE_TRANSITION');
  });

  it('moves only from the venue’s date on (Vietnam’s day), and only for a scheduled or held venue', () => {
    expect(dayStateRefusal(venue, INITIAL_DAY_STATE, DayState.Started, null, '2027-08-18')).toMatchObject({
      code: 'DAY_STATE_BEFORE_DAY',
      message: 'Chỉ cập nhật tình hình từ ngày tổ chức (19/08/2027) trở đi.',
    });
    expect(dayStateRefusal(venue, INITIAL_DAY_STATE, DayState.Started, null, '2027-08-20')).toBeNull();
    expect(dayStateRefusal({ ...venue, status: VenueStatus.Held }, INITIAL_DAY_STATE, DayState.Started, null, onTheDay)).toBeNull();
    expect(dayStateRefusal({ ...venue, status: VenueStatus.Approved }, INITIAL_DAY_STATE, DayState.Started, null, onTheDay)?.code).toBe(
      'DAY_STATE_VENUE_NOT_SCHEDULED',
    );
    expect(dayStateRefusal({ status: VenueStatus.Scheduled, scheduledDate: null }, INITIAL_DAY_STATE, DayState.Started, null, onTheDay)?.code).toBe(
      'DAY_STATE_BEFORE_DAY',
    );
  });

  it('keeps when the leader arrived and when the programme opened, the first time only', () => {
    const arrivedAt = new Date('2027-08-19T00:30:00Z');
    const arrived = applyDayState(INITIAL_DAY_STATE, DayState.LeaderArrived, arrivedAt);
    expect(arrived).toEqual({ state: DayState.LeaderArrived, leaderArrivedAt: arrivedAt, startedAt: null });
    const started = applyDayState(arrived, DayState.Started, opened);
    const incident = applyDayState(started, DayState.Incident, new Date('2027-08-19T02:00:00Z'));
    const resumed = applyDayState(incident, DayState.Started, new Date('2027-08-19T02:30:00Z'));
    expect(resumed).toEqual({ state: DayState.Started, leaderArrivedAt: arrivedAt, startedAt: opened });
  });

  it('knows a retry (same state, same note) from a change, and counts points per state', () => {
    expect(isSameDayState({ state: DayState.Started, note: null }, DayState.Started, null)).toBe(true);
    expect(isSameDayState({ state: DayState.Incident, note: 'Mưa' }, DayState.Incident, 'Mưa lớn')).toBe(false);
    expect(countByState([DayState.Started, DayState.Started, DayState.Incident])).toEqual({
      not_started: 0,
      leader_arrived: 0,
      started: 2,
      finished: 0,
      incident: 1,
    });
  });
});

import { localToInstant } from '@app/common';
import { BookingSpan, describeDuration, describeSpan, findClash, followVenueHours, roadDistanceKm, travelMinutes } from './resource-rules';

const DIEN_BIEN_PHU = { venueId: 'dien-bien-phu', latitude: 21.386, longitude: 103.023 };
const LAI_CHAU = { venueId: 'lai-chau', latitude: 22.396, longitude: 103.458 };
const TROUPE = { travelSpeedKmh: 40, bufferMinutes: 60 };
/** AppConfig.ROAD_DISTANCE_FACTOR's default. */
const ROAD = 1.4;

const at = (time: string, date = '2027-08-15') => localToInstant(date, time);
const booking = (id: string, place: typeof DIEN_BIEN_PHU, from: string, to: string, date?: string): BookingSpan & { id: string } => ({
  id,
  ...place,
  startsAt: at(from, date),
  endsAt: at(to, date),
});

describe('shared resource rules', () => {
  describe('travel time', () => {
    it('estimates the road from the great circle between Điện Biên Phủ and Lai Châu', () => {
      // ~121 km as the crow flies; the road (QL12) is longer: ×1.4 ≈ 170 km.
      expect(roadDistanceKm(DIEN_BIEN_PHU, LAI_CHAU, ROAD)).toBeCloseTo(121.08 * ROAD, 0);
      // 169.5 km at 40 km/h = 254.2 min → 255, plus one hour to pack up and set up.
      expect(travelMinutes(DIEN_BIEN_PHU, LAI_CHAU, TROUPE, ROAD)).toBe(315);
      expect(travelMinutes(LAI_CHAU, DIEN_BIEN_PHU, TROUPE, ROAD)).toBe(315);
    });

    it('follows the configured road-distance factor', () => {
      expect(roadDistanceKm(DIEN_BIEN_PHU, LAI_CHAU, 1)).toBeCloseTo(121.1, 1); // the straight line
      expect(travelMinutes(DIEN_BIEN_PHU, LAI_CHAU, TROUPE, 1.3)).toBeLessThan(travelMinutes(DIEN_BIEN_PHU, LAI_CHAU, TROUPE, ROAD));
    });

    it("follows the resource's speed and buffer", () => {
      expect(travelMinutes(DIEN_BIEN_PHU, LAI_CHAU, { travelSpeedKmh: 60, bufferMinutes: 30 }, ROAD)).toBe(170 + 30); // 169.5 km / 60 km/h = 169.5 min
      expect(travelMinutes(DIEN_BIEN_PHU, LAI_CHAU, { travelSpeedKmh: 40, bufferMinutes: 0 }, ROAD)).toBe(255);
    });

    it('needs no travel and no buffer to stay at the same venue, but the buffer between two venues at one spot', () => {
      expect(travelMinutes(LAI_CHAU, { ...LAI_CHAU }, TROUPE, ROAD)).toBe(0);
      expect(travelMinutes(LAI_CHAU, { ...LAI_CHAU, venueId: 'next-door' }, TROUPE, ROAD)).toBe(60);
    });
  });

  describe('findClash', () => {
    const morning = booking('morning', DIEN_BIEN_PHU, '07:30', '11:30');

    it('finds an overlap, whatever the venue, and ignores the booking being re-checked', () => {
      expect(findClash(booking('new', DIEN_BIEN_PHU, '11:00', '12:00'), [morning], TROUPE, ROAD)).toEqual({ kind: 'overlap', booking: morning });
      expect(findClash(booking('new', LAI_CHAU, '06:00', '08:00'), [morning], TROUPE, ROAD)).toEqual({ kind: 'overlap', booking: morning });
      expect(findClash(booking('new', LAI_CHAU, '08:00', '09:00'), [morning], TROUPE, ROAD)?.kind).toBe('overlap'); // inside
      expect(findClash(booking('morning', DIEN_BIEN_PHU, '08:00', '12:00'), [morning], TROUPE, ROAD)).toBeNull();
    });

    it('reports the first overlapping booking by start time before any travel shortfall', () => {
      const noon = booking('noon', LAI_CHAU, '12:00', '13:00');
      const clash = findClash(booking('new', DIEN_BIEN_PHU, '11:00', '12:30'), [noon, morning], TROUPE, ROAD);
      expect(clash).toEqual({ kind: 'overlap', booking: morning });
    });

    it('accepts back-to-back bookings at the same venue', () => {
      expect(findClash(booking('new', DIEN_BIEN_PHU, '11:30', '14:00'), [morning], TROUPE, ROAD)).toBeNull();
      expect(findClash(booking('new', DIEN_BIEN_PHU, '05:00', '07:30'), [morning], TROUPE, ROAD)).toBeNull();
    });

    it('refuses a gap one minute short of the road, and accepts the exact road time', () => {
      // 11:30 + 315 min = 16:45.
      const short = findClash(booking('new', LAI_CHAU, '16:44', '19:00'), [morning], TROUPE, ROAD);
      expect(short).toEqual({ kind: 'travel', booking: morning, position: 'before', requiredMinutes: 315, availableMinutes: 314, roadKm: 169.5 });
      expect(findClash(booking('new', LAI_CHAU, '16:45', '19:00'), [morning], TROUPE, ROAD)).toBeNull();
    });

    it('checks the gap after the candidate too', () => {
      // Must leave Lai Châu by 07:30 − 315 min = 02:15.
      const late = findClash(booking('new', LAI_CHAU, '01:00', '02:16'), [morning], TROUPE, ROAD);
      expect(late).toMatchObject({ kind: 'travel', booking: morning, position: 'after', requiredMinutes: 315, availableMinutes: 314 });
      expect(findClash(booking('new', LAI_CHAU, '01:00', '02:15'), [morning], TROUPE, ROAD)).toBeNull();
    });

    it('checks only the legs the resource travels: its neighbours before and after', () => {
      // Lai Châu the day before, then Điện Biên Phủ in the morning, then a candidate in Điện Biên Phủ:
      // the relevant leg is the morning (same venue), not last night in Lai Châu.
      const lastNight = booking('last-night', LAI_CHAU, '19:00', '21:00', '2027-08-14');
      expect(findClash(booking('new', DIEN_BIEN_PHU, '12:00', '13:00'), [lastNight, morning], TROUPE, ROAD)).toBeNull();
      // A candidate between the two, too close to both: the leg before is reported first.
      const between = findClash(booking('new', { ...DIEN_BIEN_PHU, venueId: 'muong-phang' }, '00:30', '07:00'), [morning, lastNight], TROUPE, ROAD);
      expect(between).toMatchObject({ kind: 'travel', booking: lastNight, position: 'before' });
    });

    it('accepts a resource with no other bookings', () => {
      expect(findClash(booking('new', LAI_CHAU, '07:30', '11:30'), [], TROUPE, ROAD)).toBeNull();
    });
  });

  it('describes spans and durations in Vietnamese, in the festival time zone', () => {
    expect(describeSpan(at('07:30'), at('11:30'))).toBe('từ 07:30 đến 11:30 ngày 15/08/2027');
    expect(describeSpan(at('22:00', '2027-08-14'), at('02:00'))).toBe('từ 22:00 ngày 14/08/2027 đến 02:00 ngày 15/08/2027');
    expect(describeDuration(315)).toBe('5 giờ 15 phút');
    expect(describeDuration(120)).toBe('2 giờ');
    expect(describeDuration(45)).toBe('45 phút');
  });

  describe('following a rescheduled venue', () => {
    const venue = (date: string, from: string, to: string) => ({ startsAt: at(from, date), endsAt: at(to, date) });
    const span = (from: string, fromDate: string, to: string, toDate: string) => ({ startsAt: at(from, fromDate), endsAt: at(to, toDate) });

    it.each([
      {
        what: 'moves the arrival the evening before and the departure after the programme with the new day and hours',
        booking: span('17:30', '2027-08-14', '13:30', '2027-08-15'),
        from: venue('2027-08-15', '07:30', '11:30'),
        to: venue('2027-08-17', '08:00', '12:30'),
        moved: span('18:00', '2027-08-16', '14:30', '2027-08-17'),
      },
      {
        what: 'moves a booking inside the programme whole with the start when shorter hours would turn it inside out',
        booking: span('10:00', '2027-08-15', '11:00', '2027-08-15'),
        from: venue('2027-08-15', '07:00', '11:30'),
        to: venue('2027-08-15', '07:00', '09:30'),
        moved: span('10:00', '2027-08-15', '11:00', '2027-08-15'),
      },
    ])('$what', ({ booking, from, to, moved }) => {
      expect(followVenueHours(booking, from, to)).toEqual(moved);
    });

    it('leaves the booking where it is when the venue has no hours on either side', () => {
      const booked = span('07:00', '2027-08-15', '12:00', '2027-08-15');
      expect(followVenueHours(booked, { startsAt: null, endsAt: null }, venue('2027-08-16', '07:00', '11:00'))).toEqual(booked);
    });
  });
});

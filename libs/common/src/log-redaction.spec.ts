import { redactUrl } from './log-redaction';

describe('redactUrl', () => {
  const token = 'q1Vd0bS7mK3xYzA9fLr2T8uWnE5hJcP4oGi6sBkMvXy'; // 43 base64url characters, like our links

  it('drops RSVP and feed tokens from paths in any case, and keeps what kind of link it was', () => {
    expect(redactUrl(`/api/rsvp/${token}`)).toBe('/api/rsvp/[redacted]');
    expect(redactUrl(`/API/Rsvp/${token}/extra/${token}`)).toBe('/API/Rsvp/[redacted]/[redacted]');
    expect(redactUrl(`/api/calendar/${token}.ics`)).toBe('/api/calendar/[redacted].ics');
    expect(redactUrl(`/api/calendar/short.ics`)).toBe('/api/calendar/[redacted].ics');
  });

  it('keeps only the inbound hook route names under /api/inbound', () => {
    expect(redactUrl('/api/inbound/calendar-replies')).toBe('/api/inbound/calendar-replies');
    expect(redactUrl('/api/inbound/s3cr3t/calendar-replies')).toBe('/api/inbound/[redacted]/calendar-replies');
    expect(redactUrl('/api/inbound/calendar-replies/s3cr3t?x=1')).toBe('/api/inbound/calendar-replies/[redacted]?x=1');
  });

  it('drops secret-looking query values but keeps ids, filters and pages', () => {
    const id = '5f0c7c1e-0000-4000-8000-000000000000';
    expect(redactUrl(`/api/venues?editionId=${id}&page=2&status=scheduled`)).toBe(`/api/venues?editionId=${id}&page=2&status=scheduled`);
    expect(redactUrl(`/api/venues?token=abc&access_token=x&api_key=y`)).toBe('/api/venues?token=[redacted]&access_token=[redacted]&api_key=[redacted]');
    expect(redactUrl(`/api/venues?k=${token}&${token}`)).toBe('/api/venues?k=[redacted]&[redacted]');
  });

  it('drops a long opaque segment on any other path, but not ids or file names', () => {
    expect(redactUrl(`/api/venues/${token}`)).toBe('/api/venues/[redacted]');
    expect(redactUrl('/api/venues/5f0c7c1e-0000-4000-8000-000000000000/tasks')).toBe('/api/venues/5f0c7c1e-0000-4000-8000-000000000000/tasks');
    expect(redactUrl('/assets/index-B3kx9QzLmNpRsTuVwXyZ012345.js')).toBe('/assets/index-B3kx9QzLmNpRsTuVwXyZ012345.js');
  });
});

import { checkInInstant, normalisePassCode, passCode } from './pass-rules';

describe('pass codes', () => {
  const secret = 'secret-for-pass-codes';
  const venue = '0f8e6a2c-3c55-4e4b-9a55-6b0d2b7a1c11';

  it('derives a stable XXXX-XXXX code per venue and attendee, different for another venue or attendee', () => {
    const code = passCode(secret, venue, 'invitation:a');
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(passCode(secret, venue, 'invitation:a')).toBe(code);
    expect(passCode(secret, venue, 'invitation:b')).not.toBe(code);
    expect(passCode(secret, '1f8e6a2c-3c55-4e4b-9a55-6b0d2b7a1c11', 'invitation:a')).not.toBe(code);
    expect(passCode('another-secret', venue, 'invitation:a')).not.toBe(code);
  });

  it('reads what people type: case, spaces and dashes ignored, O as 0, I and L as 1; refuses the rest', () => {
    expect(normalisePassCode('ab12 cd34')).toBe('AB12-CD34');
    expect(normalisePassCode('  o1il-0000 ')).toBe('0111-0000');
    expect(normalisePassCode('AB12-CD3')).toBeNull();
    expect(normalisePassCode('AB12-CD3U')).toBeNull(); // U is not in the alphabet
    expect(normalisePassCode('')).toBeNull();
    const code = passCode(secret, venue, 'guest:x');
    expect(normalisePassCode(code.toLowerCase().replace('-', ' '))).toBe(code);
  });

  it('takes the scan time of a check-in sent late, never a future one, and refuses one older than two days', () => {
    const now = new Date('2030-08-18T01:00:00Z');
    expect(checkInInstant(undefined, now)).toBe(now);
    const scanned = new Date('2030-08-18T00:42:00Z');
    expect(checkInInstant(scanned, now)).toBe(scanned);
    expect(checkInInstant(new Date('2030-08-18T01:05:00Z'), now)).toBe(now);
    expect(checkInInstant(new Date('2030-08-15T00:00:00Z'), now)).toBeNull();
  });
});

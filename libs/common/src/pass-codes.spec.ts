import { decodeQrPng } from '@test/utils/qr';
import { invitationAttendeeKey, passCode, passQrModules, passQrPng } from './pass-codes';

describe('pass codes and their QR codes', () => {
  it('derives the delegate’s code from the invitation as the door does (its attendee key)', () => {
    const venue = '0f8e6a2c-3c55-4e4b-9a55-6b0d2b7a1c11';
    expect(invitationAttendeeKey('abc')).toBe('invitation:abc');
    expect(passCode('s', venue, invitationAttendeeKey('abc'))).toBe(passCode('s', venue, 'invitation:abc'));
  });

  it('writes a PNG a reader decodes back to the code (read from its pixels), and a 21 × 21 symbol for the letter', () => {
    for (const code of ['K7QM-42XD', '0000-ZZZZ', 'AB12-CD34']) {
      const png = passQrPng(code);
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(decodeQrPng(png)).toBe(code);
    }
    const modules = passQrModules('K7QM-42XD');
    expect(modules).toHaveLength(21);
    expect(modules.every((row) => row.length === 21)).toBe(true);
    // The finder pattern's corner: dark on the symbol's edge.
    expect([modules[0][0], modules[0][20], modules[20][0]]).toEqual([true, true, true]);
  });
});

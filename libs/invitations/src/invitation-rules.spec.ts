import { eventOfPartstat, rsvpExpiry, senderPassed } from './invitation-rules';
import { parseReply } from './rsvp.service';

describe('invitation rules', () => {
  it('keeps RSVP links valid for the grace period after the event', () => {
    expect(rsvpExpiry(new Date('2030-08-12T04:30:00Z'), 24).toISOString()).toBe('2030-08-13T04:30:00.000Z');
  });

  it('maps a reply’s PARTSTAT to the workflow event it is, and nothing else', () => {
    expect(['ACCEPTED', 'declined', 'Tentative', 'DELEGATED', 'NEEDS-ACTION', 'COMPLETED'].map(eventOfPartstat)).toEqual([
      'accept',
      'decline',
      'tentative',
      'propose-substitute',
      null,
      null,
    ]);
  });

  it('trusts a relay’s Authentication-Results only when DKIM and DMARC passed for the attendee’s domain', () => {
    const attendee = 'vp@bo.example.vn';
    expect(senderPassed('mx.ngayhoi.vn; dkim=pass header.d=bo.example.vn; dmarc=pass (p=reject) header.from=bo.example.vn', attendee)).toBe(true);
    expect(senderPassed('mx.ngayhoi.vn; DKIM=pass; DMARC=pass', attendee)).toBe(true); // no From domain named: the pass stands
    expect(senderPassed('mx; dkim=pass; dmarc=fail', attendee)).toBe(false);
    expect(senderPassed('mx; dkim=fail; dmarc=pass', attendee)).toBe(false);
    expect(senderPassed('mx; spf=pass', attendee)).toBe(false);
    expect(senderPassed('mx; dkim=pass; dmarc=pass header.from=evil.example', attendee)).toBe(false);
    expect(senderPassed('mx; dkim=passed; dmarc=passing', attendee)).toBe(false);
    expect(senderPassed(undefined, attendee)).toBe(false);
  });
});

describe('parseReply', () => {
  const reply = (lines: string[]) =>
    ['BEGIN:VCALENDAR', 'VERSION:2.0', 'METHOD:REPLY', 'BEGIN:VEVENT', 'UID:abc@ngayhoi.vn', ...lines, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

  it('reads every ATTENDEE line, DELEGATED-TO, SEQUENCE, DTSTAMP and COMMENT', () => {
    const parsed = parseReply(
      reply([
        'SEQUENCE:2',
        'DTSTAMP:20300801T010000Z',
        'ATTENDEE;PARTSTAT=NEEDS-ACTION;DELEGATED-FROM="mailto:vp@bo.example.vn";CN=Vũ Thị Lan:mailto:Lan@Bo.Example.vn',
        'ATTENDEE;PARTSTAT=delegated;DELEGATED-TO="mailto:lan@bo.example.vn":MAILTO:vp@bo.example.vn',
        'COMMENT:Đồng chí Lan dự thay',
      ]),
    );
    expect(parsed).toEqual({
      uid: 'abc@ngayhoi.vn',
      attendees: [
        { address: 'lan@bo.example.vn', name: 'Vũ Thị Lan', partstat: 'NEEDS-ACTION', delegatedTo: null },
        { address: 'vp@bo.example.vn', name: null, partstat: 'DELEGATED', delegatedTo: 'lan@bo.example.vn' },
      ],
      sequence: 2,
      stamp: new Date('2030-08-01T01:00:00Z'),
      comment: 'Đồng chí Lan dự thay',
    });
  });

  it('refuses what is not a REPLY with an event and an attendee', () => {
    expect(parseReply('not a calendar')).toBeNull();
    expect(parseReply(reply(['DTSTAMP:20300801T010000Z']))).toBeNull();
    expect(parseReply(reply(['ATTENDEE;PARTSTAT=ACCEPTED:mailto:vp@bo.example.vn']).replace('METHOD:REPLY', 'METHOD:REQUEST'))).toBeNull();
  });
});

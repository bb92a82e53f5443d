import { CONSOLE_LINKS } from './console-links';

describe('CONSOLE_LINKS', () => {
  it("names the console's Vietnamese routes (apps/web/src/main.tsx), never the API's English paths", () => {
    expect(CONSOLE_LINKS.venue('v1')).toBe('/diem/v1');
    expect(CONSOLE_LINKS.venueTasks('v1')).toBe('/diem/v1#nhiem-vu');
    expect(CONSOLE_LINKS.venueTasks('v1', 't1')).toBe('/diem/v1?viec=t1#nhiem-vu');
    expect(CONSOLE_LINKS.venueAnswers('v1')).toBe('/diem/v1#tra-loi-giay-moi');
    expect(CONSOLE_LINKS.readiness('12')).toBe('/san-sang?tinh=12');
    expect(CONSOLE_LINKS.planning()).toBe('/lap-ke-hoach');
    expect(CONSOLE_LINKS.invitations()).toBe('/loi-moi');
    expect(CONSOLE_LINKS.invitations('substitute_proposed')).toBe('/loi-moi?trangThai=substitute_proposed');
  });
});

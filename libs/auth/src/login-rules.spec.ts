import { holdSeconds, normalisedLogin } from './login-rules';

const policy = { threshold: 5, baseSeconds: 30, maxSeconds: 900 };

describe('holdSeconds', () => {
  it.each([0, 1, 4])('holds nothing after %i failures', (failures) => {
    expect(holdSeconds(failures, policy)).toBe(0);
  });

  it('holds the base time at the threshold, then doubles with each failure', () => {
    expect([5, 6, 7, 8, 9].map((failures) => holdSeconds(failures, policy))).toEqual([30, 60, 120, 240, 480]);
  });

  it('never holds longer than the ceiling, however many failures', () => {
    expect(holdSeconds(10, policy)).toBe(900);
    expect(holdSeconds(10_000, policy)).toBe(900);
  });
});

describe('normalisedLogin', () => {
  it('keys an account the way accounts store its e-mail', () => {
    expect(normalisedLogin('  Planner@NgayHoi.VN ')).toBe('planner@ngayhoi.vn');
    expect(normalisedLogin(undefined)).toBe('');
  });
});

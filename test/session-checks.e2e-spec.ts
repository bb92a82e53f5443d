import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { Role } from '@app/auth';
import { createDataSource } from '@app/database';
import { SessionChecks } from '../libs/auth/src/session-checks';
import { TEST_ENV } from './test-env';
import { createUser } from './utils/factories';

/**
 * The access guard's account check is shared by the requests in flight (one statement per round trip,
 * not per request) and a token's signature is verified once, yet a token revoked or an account
 * deactivated before a request is refused to that request (a real database).
 */
describe('SessionChecks: shared account reads, remembered signatures', () => {
  let dataSource: DataSource;
  let statements: number;
  let verifications: number;
  let checks: SessionChecks;
  const jwt = new JwtService({ secret: 'session-checks-test-secret-0123456789abcdef', signOptions: { algorithm: 'HS256', expiresIn: 600 } });

  beforeAll(async () => {
    dataSource = await createDataSource({ DATABASE_URL: TEST_ENV.DATABASE_URL }).initialize();
    const counting = new Proxy(dataSource, {
      get(target, property) {
        if (property === 'query') return (sql: string, parameters: unknown[]) => ((statements += 1), target.query(sql, parameters));
        return Reflect.get(target, property) as unknown;
      },
    });
    const countingJwt = new Proxy(jwt, {
      get(target, property) {
        if (property === 'verifyAsync') return (token: string) => ((verifications += 1), target.verifyAsync(token));
        return Reflect.get(target, property) as unknown;
      },
    });
    checks = new SessionChecks(countingJwt, counting);
  });
  beforeEach(() => {
    statements = 0;
    verifications = 0;
  });
  afterAll(() => dataSource.destroy());

  const tokenOf = (user: { id: string; tokenVersion: number }) => jwt.signAsync({ sub: user.id, tv: user.tokenVersion });

  it('answers 50 requests of two accounts at once with one statement or two, and verifies each token once', async () => {
    const planner = await createUser(dataSource, Role.CentralPlanner);
    const organizer = await createUser(dataSource, Role.ProvincialOrganizer, '12');
    const [plannerToken, organizerToken] = await Promise.all([tokenOf(planner), tokenOf(organizer)]);
    await checks.accountOf(plannerToken);
    await checks.accountOf(organizerToken);
    statements = 0;
    verifications = 0;
    const accounts = await Promise.all(Array.from({ length: 50 }, (_, n) => checks.accountOf(n % 2 ? organizerToken : plannerToken)));
    expect(accounts.map((account) => account?.id)).toEqual(Array.from({ length: 50 }, (_, n) => (n % 2 ? organizer.id : planner.id)));
    expect(accounts[1]).toEqual({ id: organizer.id, email: organizer.email, role: Role.ProvincialOrganizer, provinceCode: '12', mustChangePassword: false });
    expect(statements).toBeGreaterThanOrEqual(1);
    expect(statements).toBeLessThanOrEqual(2);
    expect(verifications).toBe(0); // both signatures were verified by the first two checks
  });

  it('refuses a request that comes after a revocation or a deactivation, even while an older read is in flight', async () => {
    const user = await createUser(dataSource, Role.CentralPlanner);
    const token = await tokenOf(user);
    expect(await checks.accountOf(token)).toMatchObject({ id: user.id });
    const before = checks.accountOf(token); // its statement goes out now…
    await dataSource.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [user.id]); // …a logout commits…
    const after = checks.accountOf(token); // …and this request comes after it
    expect(await after).toBeNull();
    await before; // read before or after the logout: either answer was true when it was read

    const other = await createUser(dataSource, Role.CentralPlanner);
    const otherToken = await tokenOf(other);
    expect(await checks.accountOf(otherToken)).toMatchObject({ id: other.id });
    await dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [other.id]);
    expect(await checks.accountOf(otherToken)).toBeNull();
  });

  it('remembers nothing of a token that does not verify, and stops honouring a remembered token when it expires', async () => {
    const user = await createUser(dataSource, Role.CentralPlanner);
    const token = await tokenOf(user);
    const forged = `${token.slice(0, token.lastIndexOf('.'))}.${Buffer.from('not the signature').toString('base64url')}`;
    expect(await checks.accountOf(forged)).toBeNull();
    expect(await checks.accountOf(forged)).toBeNull();
    expect(verifications).toBe(2);
    expect(statements).toBe(0);

    const shortLived = await jwt.signAsync({ sub: user.id, tv: user.tokenVersion }, { expiresIn: 1 });
    expect(await checks.accountOf(shortLived)).toMatchObject({ id: user.id });
    const now = Date.now;
    Date.now = () => now() + 1_000;
    try {
      expect(await checks.accountOf(shortLived)).toBeNull();
    } finally {
      Date.now = now;
    }
  });
});

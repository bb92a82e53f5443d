import type { EntityManager } from 'typeorm';
import { AfterCommit, TransactionalChecks } from './transaction';

describe('AfterCommit', () => {
  it('runs its tasks in order once committed, and a keyed task only once however often it was added', async () => {
    const afterCommit = new AfterCommit();
    const ran: string[] = [];
    afterCommit.add(() => Promise.resolve(void ran.push('enqueue a')));
    for (let change = 0; change < 3; change += 1) afterCommit.once('readiness-revision:e1', () => Promise.resolve(void ran.push('bump e1')));
    afterCommit.once('readiness-revision:e2', () => Promise.resolve(void ran.push('bump e2')));
    afterCommit.add(() => Promise.resolve(void ran.push('enqueue b')));
    expect(ran).toEqual([]); // nothing before the commit
    await afterCommit.run();
    expect(ran).toEqual(['enqueue a', 'bump e1', 'bump e2', 'enqueue b']);
  });
});

describe('TransactionalChecks', () => {
  it("runs the checks in the order added, with the caller's manager; the first refusal stops the rest", async () => {
    const checks = new TransactionalChecks<{ date: string }>();
    const manager = {} as EntityManager;
    const seen: string[] = [];
    checks.add((given, payload) => Promise.resolve(void seen.push(`programme ${payload.date} ${given === manager}`)));
    checks.add((_manager, payload) => {
      if (payload.date === '2027-08-19') return Promise.reject(new Error('leader busy'));
      seen.push('leaders');
      return Promise.resolve();
    });
    checks.add(() => Promise.resolve(void seen.push('never after a refusal')));

    await checks.run(manager, { date: '2027-08-18' });
    expect(seen).toEqual(['programme 2027-08-18 true', 'leaders', 'never after a refusal']);
    seen.length = 0;
    await expect(checks.run(manager, { date: '2027-08-19' })).rejects.toThrow('leader busy');
    expect(seen).toEqual(['programme 2027-08-19 true']);
  });
});

import { AfterCommit } from './transaction';

describe('AfterCommit', () => {
  it('runs its tasks in order once committed, and a keyed task only once however often it was added', async () => {
    const afterCommit = new AfterCommit();
    const ran: string[] = [];
    afterCommit.add(async () => void ran.push('enqueue a'));
    for (let change = 0; change < 3; change += 1) afterCommit.once('readiness-revision:e1', async () => void ran.push('bump e1'));
    afterCommit.once('readiness-revision:e2', async () => void ran.push('bump e2'));
    afterCommit.add(async () => void ran.push('enqueue b'));
    expect(ran).toEqual([]); // nothing before the commit
    await afterCommit.run();
    expect(ran).toEqual(['enqueue a', 'bump e1', 'bump e2', 'enqueue b']);
  });
});

import type { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { MessageStatus } from './invitation.entities';
import { MessageClaims } from './message-claims';

/** A stand-in for PostgreSQL: answers each claim statement with the claimable ids it was given, and records the statements. */
function fakeDatabase(claimable: Set<string>, failWhen: (ids: string[]) => boolean = () => false) {
  const statements: string[][] = [];
  // The claim is a prepared statement, run on the DataSource's pg pool.
  const pool = {
    query: async ({ values: [ids] }: { values: [string[]] }) => {
      statements.push(ids);
      await new Promise((resume) => setTimeout(resume, 5));
      if (failWhen(ids)) throw new Error('statement failed');
      return { rows: ids.filter((id) => claimable.delete(id)).map((id) => ({ id, status: MessageStatus.Sending })) };
    },
  };
  const dataSource = { driver: { master: pool } } as unknown as DataSource;
  return { claims: new MessageClaims(dataSource, { SEND_LEASE_SECONDS: 300 } as AppConfig), statements };
}

describe('MessageClaims', () => {
  it('claims the messages asked for together in one statement, and those asked for while it runs in the next', async () => {
    const { claims, statements } = fakeDatabase(new Set(['a', 'b', 'c', 'd']));
    const first = ['a', 'b'].map((id) => claims.claim(id));
    await new Promise((resume) => setImmediate(resume)); // the first statement is running
    const later = ['c', 'd'].map((id) => claims.claim(id));
    const rows = await Promise.all([...first, ...later]);
    expect(rows.map((row) => row?.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(statements).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('gives a message asked for twice in one batch to its first caller only', async () => {
    const { claims, statements } = fakeDatabase(new Set(['a', 'b']));
    const rows = await Promise.all(['a', 'b', 'b'].map((id) => claims.claim(id)));
    expect(rows.map((row) => row?.id)).toEqual(['a', 'b', undefined]);
    expect(statements).toEqual([['a', 'b']]);
  });

  it('answers nothing for a message that cannot be claimed', async () => {
    const { claims } = fakeDatabase(new Set());
    expect(await claims.claim('gone')).toBeUndefined();
  });

  it('claims each message of a failed batch on its own, and fails only the jobs whose own claim fails', async () => {
    const { claims, statements } = fakeDatabase(new Set(['a', 'b', 'c', 'd']), (ids) => ids.length > 1 || ids[0] === 'c');
    const outcomes = await Promise.allSettled(['a', 'b', 'c', 'd'].map((id) => claims.claim(id)));
    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value?.id : 'failed'))).toEqual(['a', 'b', 'failed', 'd']);
    expect(statements).toEqual([['a', 'b', 'c', 'd'], ['a'], ['b'], ['c'], ['d']]);
  });
});

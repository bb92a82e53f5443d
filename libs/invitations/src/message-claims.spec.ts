import type { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { MessageStatus } from './invitation.entities';
import { MessageClaims } from './message-claims';

/**
 * A stand-in for PostgreSQL: answers each statement with the claimable ids it was asked to claim (none
 * that the same statement marks sent), and records each statement's claims and sent-marks.
 */
function fakeDatabase(claimable: Set<string>, failWhen: (statement: Statement) => boolean = () => false) {
  const statements: Statement[] = [];
  // The statement is a prepared one, run on the DataSource's pg pool: $1 the ids marked sent, $5 those claimed.
  const pool = {
    query: async ({ values: [sent, , , , claims] }: { values: [string[], string[], unknown, unknown, string[]] }) => {
      const statement = { claims, sent };
      statements.push(statement);
      await new Promise((resume) => setTimeout(resume, 5));
      if (failWhen(statement)) throw new Error('statement failed');
      for (const id of sent) claimable.delete(id);
      return { rows: claims.filter((id) => claimable.delete(id)).map((id) => ({ id, status: MessageStatus.Sending })) };
    },
  };
  const dataSource = { driver: { master: pool } } as unknown as DataSource;
  return { claims: new MessageClaims(dataSource, { SEND_LEASE_SECONDS: 300 } as AppConfig), statements };
}

interface Statement {
  claims: string[];
  sent: string[];
}

/** The statements' claims alone, for the cases without sent-marks. */
const claimsOf = (statements: Statement[]) => statements.map((statement) => statement.claims);

describe('MessageClaims', () => {
  it('claims the messages asked for together in one statement, and those asked for while it runs in the next', async () => {
    const { claims, statements } = fakeDatabase(new Set(['a', 'b', 'c', 'd']));
    const first = ['a', 'b'].map((id) => claims.claim(id));
    await new Promise((resume) => setImmediate(resume)); // the first statement is running
    const later = ['c', 'd'].map((id) => claims.claim(id));
    const rows = await Promise.all([...first, ...later]);
    expect(rows.map((row) => row?.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(claimsOf(statements)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('gives a message asked for twice in one batch to its first caller only', async () => {
    const { claims, statements } = fakeDatabase(new Set(['a', 'b']));
    const rows = await Promise.all(['a', 'b', 'b'].map((id) => claims.claim(id)));
    expect(rows.map((row) => row?.id)).toEqual(['a', 'b', undefined]);
    expect(claimsOf(statements)).toEqual([['a', 'b']]);
  });

  it('answers nothing for a message that cannot be claimed', async () => {
    const { claims } = fakeDatabase(new Set());
    expect(await claims.claim('gone')).toBeUndefined();
  });

  it('claims each message of a failed batch on its own, and fails only the jobs whose own claim fails', async () => {
    const { claims, statements } = fakeDatabase(new Set(['a', 'b', 'c', 'd']), ({ claims: ids }) => ids.length > 1 || ids[0] === 'c');
    const outcomes = await Promise.allSettled(['a', 'b', 'c', 'd'].map((id) => claims.claim(id)));
    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value?.id : 'failed'))).toEqual(['a', 'b', 'failed', 'd']);
    expect(claimsOf(statements)).toEqual([['a', 'b', 'c', 'd'], ['a'], ['b'], ['c'], ['d']]);
  });

  it('marks messages sent and claims others in one statement, each caller getting its own outcome', async () => {
    const { claims, statements } = fakeDatabase(new Set(['c', 'd']));
    const first = [claims.recordSent('a', '<a@ngayhoi.vn>'), claims.claim('c')];
    await new Promise((resume) => setImmediate(resume)); // the first statement is running
    const later = [claims.claim('d'), claims.recordSent('b', '<b@ngayhoi.vn>'), claims.claim('e')];
    const outcomes = await Promise.all([...first, ...later]);
    expect(outcomes.map((outcome) => (outcome ? outcome.id : outcome))).toEqual([undefined, 'c', 'd', undefined, undefined]);
    expect(statements).toEqual([
      { sent: ['a'], claims: ['c'] },
      { sent: ['b'], claims: ['d', 'e'] },
    ]);
  });

  it('runs each call of a failed statement alone: only the sent-mark or claim that fails again fails its job', async () => {
    const { claims, statements } = fakeDatabase(new Set(['c', 'd']), ({ claims: ids, sent }) => ids.length + sent.length > 1 || sent[0] === 'b');
    const outcomes = await Promise.allSettled([
      claims.recordSent('a', '<a@ngayhoi.vn>'),
      claims.recordSent('b', '<b@ngayhoi.vn>'),
      claims.claim('c'),
      claims.claim('d'),
    ]);
    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? (outcome.value?.id ?? 'done') : 'failed'))).toEqual(['done', 'failed', 'c', 'd']);
    expect(statements).toEqual([
      { sent: ['a', 'b'], claims: ['c', 'd'] },
      { sent: ['a'], claims: [] },
      { sent: ['b'], claims: [] },
      { sent: [], claims: ['c'] },
      { sent: [], claims: ['d'] },
    ]);
  });
});

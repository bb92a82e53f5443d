import { describe, expect, it } from '@jest/globals';
import { codeIn, is, isOneOf } from './codes';

// A shared enum and the document's union for the same codes, as `@shared/…` and ./api/schema.d.ts give them.
enum RunStatus {
  Queued = 'queued',
  Solving = 'solving',
  Accepted = 'accepted',
}
enum OtherStatus {
  Closed = 'closed',
}
type Answered = { status: 'queued' | 'solving' | 'accepted' };
const PENDING: readonly RunStatus[] = [RunStatus.Queued, RunStatus.Solving];

describe("the API's codes against the shared enums", () => {
  const solving: Answered = { status: 'solving' };
  const accepted: Answered = { status: 'accepted' };

  it('compares a code the API answered with an enum member', () => {
    expect(is(solving.status, RunStatus.Solving)).toBe(true);
    expect(is(solving.status, RunStatus.Queued)).toBe(false);
    // @ts-expect-error a member of another enum is not one of the code's
    expect(is(solving.status, OtherStatus.Closed)).toBe(false);
  });

  it('tells whether a code is one of several members', () => {
    expect(isOneOf(solving.status, PENDING)).toBe(true);
    expect(isOneOf(accepted.status, PENDING)).toBe(false);
  });

  it('reads the member a text names, and nothing from a text that names none', () => {
    expect(codeIn(Object.values(RunStatus), 'accepted')).toBe(RunStatus.Accepted);
    expect(codeIn(Object.values(RunStatus), 'Accepted')).toBeUndefined();
    expect(codeIn(Object.values(RunStatus), '')).toBeUndefined();
    expect(codeIn(Object.values(RunStatus), null)).toBeUndefined();
  });
});

import { DomainError } from '@app/common';
import { PlanningRunStatus as S } from './planning-run.enums';
import { assertCancellable, canTransition, statusesBefore } from './planning-run-rules';

describe('planning run rules', () => {
  it('lets a queued or solving run be cancelled, and nothing else', () => {
    expect(statusesBefore(S.Cancelled).sort()).toEqual([S.Queued, S.Solving].sort());
    for (const status of [S.Queued, S.Solving]) expect(() => assertCancellable(status)).not.toThrow();
    for (const status of [S.Proposed, S.Accepted, S.Superseded, S.Failed, S.Cancelled]) {
      try {
        assertCancellable(status);
        throw new Error(`${status} was cancellable`);
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ code: 'PLANNING_RUN_NOT_CANCELLABLE', status: 409, details: { status } });
      }
    }
  });

  it('claims queued runs and runs left solving by a worker that died, never a cancelled one', () => {
    expect(statusesBefore(S.Solving).sort()).toEqual([S.Queued, S.Solving].sort());
    expect(canTransition(S.Cancelled, S.Solving)).toBe(false);
  });

  it('writes a proposal or a failure only over a run still solving', () => {
    expect(statusesBefore(S.Proposed)).toEqual([S.Solving]);
    expect(statusesBefore(S.Failed)).toEqual([S.Solving]);
  });

  it('accepts or supersedes only a proposal; accepted, superseded, failed and cancelled runs are final', () => {
    expect(statusesBefore(S.Accepted)).toEqual([S.Proposed]);
    expect(statusesBefore(S.Superseded)).toEqual([S.Proposed]);
    for (const final of [S.Accepted, S.Superseded, S.Failed, S.Cancelled]) {
      for (const to of Object.values(S)) expect(canTransition(final, to)).toBe(false);
    }
  });
});

import { Injectable } from '@nestjs/common';
import { defineJob, JobHandler, JobPayload, KEEP_COMPLETED, KEEP_FAILED, QueueName } from '@app/queue';
import { PlanningSolver } from './planning-solver';

/** Solve one queued planning run (a planning_runs row), recording its progress; every planning run is one. */
export const SolvePlanningRunJob = defineJob<{ runId: string }>({
  queue: QueueName.Planning,
  name: 'solve-planning-run',
  id: ({ runId }) => `planning-run-${runId}`,
  // The run row records progress and outcome; a run cut short by a crash is picked up again (stalled job).
  options: { attempts: 2, backoff: { type: 'fixed', delay: 5_000 }, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED },
});

/** Solves a queued planning run on a solver thread; the row says where it stands (progress, proposal, failure or cancelled). */
@JobHandler(SolvePlanningRunJob)
@Injectable()
export class SolvePlanningRunHandler {
  constructor(private readonly solver: PlanningSolver) {}

  handle({ runId }: JobPayload<typeof SolvePlanningRunJob>): Promise<'proposed' | 'failed' | 'cancelled' | 'not-queued'> {
    return this.solver.solveQueued(runId);
  }
}

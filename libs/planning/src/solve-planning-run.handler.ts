import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '@app/queue';
import { PlanningSolver } from './planning-solver';

/** Solves a queued planning run; the row says where it stands (progress, proposal or failure). */
@Injectable()
export class SolvePlanningRunHandler implements JobHandler<JobName.SolvePlanningRun> {
  readonly jobName = JobName.SolvePlanningRun;

  constructor(private readonly solver: PlanningSolver) {}

  handle({ runId }: JobPayloads[JobName.SolvePlanningRun]): Promise<'proposed' | 'failed' | 'not-queued'> {
    return this.solver.solveQueued(runId);
  }
}

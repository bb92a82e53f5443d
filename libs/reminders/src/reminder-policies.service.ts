import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import type { Actor } from '@app/auth';
import { assertVersion, inTransaction, requireVersion } from '@app/common';
import { EditionsService } from '@app/editions';
import { ReminderPolicyDto } from './dto/reminder-policy.dto';
import type { ReminderPolicyView } from './dto/reminder-policy-view.dto';
import { ReminderPolicy } from './reminder.entities';
import { EffectiveReminderPolicy, effectivePolicy, ReminderScheduler } from './reminder-scheduler';

@Injectable()
export class ReminderPoliciesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly scheduler: ReminderScheduler,
    private readonly audit: AuditService,
  ) {}

  async get(editionId: string): Promise<ReminderPolicyView> {
    await this.editions.get(editionId);
    return viewOf(editionId, await this.dataSource.manager.findOneBy(ReminderPolicy, { editionId }));
  }

  /**
   * Saves the policy (fields left out keep their value) and, in the same transaction, has every
   * feature re-plan the edition's reminders: new offsets created, dropped ones cancelled, jobs
   * enqueued after commit.
   */
  async update(editionId: string, input: ReminderPolicyDto, actor: Actor): Promise<ReminderPolicyView> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      await this.editions.requireOpen(editionId, manager);
      const existing = await manager.findOne(ReminderPolicy, { where: { editionId }, lock: { mode: 'pessimistic_write' } });
      // Once saved, the policy is only replaced by someone who read it (428 without a version, 409 when stale).
      if (existing) assertVersion(requireVersion(input.version), existing.version);
      const before = effectivePolicy(existing);
      const descending = (values: number[] | undefined) => (values ? [...values].sort((a, b) => b - a) : undefined);
      const after: EffectiveReminderPolicy = {
        delegateOffsetsMinutes: descending(input.delegateOffsetsMinutes) ?? before.delegateOffsetsMinutes,
        taskOffsetsDays: descending(input.taskOffsetsDays) ?? before.taskOffsetsDays,
        venueOffsetsDays: descending(input.venueOffsetsDays) ?? before.venueOffsetsDays,
        escalationHours: input.escalationHours ?? before.escalationHours,
      };
      await manager.save(manager.merge(ReminderPolicy, existing ?? manager.create(ReminderPolicy, { editionId }), after));
      await this.audit.record(manager, { actor, entityType: 'reminder_policy', entityId: editionId, action: 'update', before, after });
      await this.scheduler.policyChanged(manager, afterCommit, editionId);
      return viewOf(editionId, await manager.findOneByOrFail(ReminderPolicy, { editionId })); // with its new version
    });
  }
}

function viewOf(editionId: string, stored: ReminderPolicy | null): ReminderPolicyView {
  return { editionId, ...effectivePolicy(stored), isDefault: !stored, version: stored?.version ?? null };
}

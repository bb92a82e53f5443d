import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit/audit.service';
import type { Actor } from '@app/auth/actor';
import { assertVersion, inTransaction } from '@app/common';
import { EditionsService } from '@app/editions/editions.service';
import { ReminderPolicyDto } from './dto/reminder-policy.dto';
import { ReminderPolicy } from './reminder.entities';
import { DEFAULT_DELEGATE_OFFSETS_MINUTES } from './reminder-rules';
import { ReminderScheduler } from './reminder-scheduler';

export interface ReminderPolicyView {
  editionId: string;
  delegateOffsetsMinutes: number[];
  isDefault: boolean;
  version: number | null;
}

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
    const policy = await this.dataSource.manager.findOneBy(ReminderPolicy, { editionId });
    return policy
      ? { editionId, delegateOffsetsMinutes: policy.delegateOffsetsMinutes, isDefault: false, version: policy.version }
      : { editionId, delegateOffsetsMinutes: [...DEFAULT_DELEGATE_OFFSETS_MINUTES], isDefault: true, version: null };
  }

  /**
   * Saves the policy and re-plans the reminders of every live invitation of the edition in the same
   * transaction (new offsets created, dropped ones cancelled, jobs enqueued after commit).
   */
  async update(editionId: string, input: ReminderPolicyDto, actor: Actor): Promise<ReminderPolicyView> {
    await inTransaction(this.dataSource, async (manager, afterCommit) => {
      await this.editions.requireOpen(editionId, manager);
      const existing = await manager.findOne(ReminderPolicy, { where: { editionId }, lock: { mode: 'pessimistic_write' } });
      if (existing && input.version !== undefined) assertVersion(input.version, existing.version);
      const before = existing ? { delegateOffsetsMinutes: existing.delegateOffsetsMinutes } : { delegateOffsetsMinutes: DEFAULT_DELEGATE_OFFSETS_MINUTES };
      const offsets = [...input.delegateOffsetsMinutes].sort((a, b) => b - a);
      await manager.save(manager.merge(ReminderPolicy, existing ?? manager.create(ReminderPolicy, { editionId }), { delegateOffsetsMinutes: offsets }));
      await this.audit.record(manager, { actor, entityType: 'reminder_policy', entityId: editionId, action: 'update', before, after: { delegateOffsetsMinutes: offsets } });
      // Invitations are another feature's rows; reading them here keeps this library free of it.
      const live: { id: string; delegate_email: string; delegate_name: string; starts_at: Date }[] = await manager.query(
        `SELECT i.id, i.delegate_email, i.delegate_name, v.starts_at FROM invitations i JOIN venues v ON v.id = i.venue_id
          WHERE i.edition_id = $1 AND i.status IN ('queued', 'sent', 'accepted', 'substitute_proposed') AND v.starts_at IS NOT NULL`,
        [editionId],
      );
      for (const invitation of live) {
        await this.scheduler.planForDelegate(manager, afterCommit, {
          invitationId: invitation.id,
          editionId,
          recipientEmail: invitation.delegate_email,
          recipientName: invitation.delegate_name,
          eventStart: new Date(invitation.starts_at),
        });
      }
    });
    return this.get(editionId);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { Actor, assertCanWriteProvince } from '@app/auth';
import { BusinessRuleError, inTransaction, lockForUpdate } from '@app/common';
import { Venue } from '../venue.entity';
import { assertVenueEditable } from '../venue-workflow';
import { VenuesService } from '../venues.service';
import { ProposeVenueChangeDto } from './dto/venue-change-proposal.dto';
import { ProposedVenueChanges, VenueChangeProposal } from './venue-change-proposal.entity';
import { VenueChangeProposalStatus } from './venue-change-proposal.enums';
import { changedPlaceOrTime } from './venue-change-rules';

const PROPOSAL = 'đề xuất thay đổi';
const VENUE = 'điểm tổ chức';

/**
 * Change proposals for a venue's place and time: filed by the venue's organizers (or planners), applied
 * or rejected by a central planner. Every step is audited; only applying changes the venue, as the
 * planner's own edit (so the invited leaders get their update then, and only then).
 */
@Injectable()
export class VenueChangeProposalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: VenuesService,
    private readonly audit: AuditService,
  ) {}

  async propose(venueId: string, input: ProposeVenueChangeDto, actor: Actor): Promise<VenueChangeProposal> {
    return this.dataSource.transaction(async (manager) => {
      const venue = await lockForUpdate(manager, Venue, venueId, undefined, VENUE);
      assertCanWriteProvince(actor, venue.provinceCode);
      assertVenueEditable(venue.status);
      const fields = changedPlaceOrTime(venue, input.changes);
      if (fields.length === 0) {
        throw new BusinessRuleError('NOTHING_PROPOSED', 'Đề xuất không thay đổi địa điểm hay thời gian nào của điểm tổ chức.', undefined, 422);
      }
      const changes = Object.fromEntries(fields.map((field) => [field, input.changes[field as keyof ProposedVenueChanges]])) as ProposedVenueChanges;
      const proposal = await manager.save(
        manager.create(VenueChangeProposal, {
          venueId,
          changes,
          note: input.note?.trim() || null,
          status: VenueChangeProposalStatus.Pending,
          proposedBy: actor.id,
          proposedByEmail: actor.email,
        }),
      );
      await this.audit.record(manager, {
        actor,
        entityType: 'venue_change_proposal',
        entityId: proposal.id,
        action: 'create',
        after: proposal,
        note: `Đề xuất thay đổi điểm ${venue.name}`,
      });
      return proposal;
    });
  }

  /** The venue's proposals, newest first, for anyone who may read the venue. */
  async list(venueId: string, actor: Actor): Promise<VenueChangeProposal[]> {
    await this.venues.getReadable(venueId, actor);
    return this.dataSource.manager.find(VenueChangeProposal, { where: { venueId }, order: { createdAt: 'DESC' } });
  }

  /** Applies a pending proposal as the planner's edit of the venue (audited; invited leaders updated). */
  async apply(id: string, actor: Actor): Promise<VenueChangeProposal> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const proposal = await this.lockPending(manager, id);
      const venue = await lockForUpdate(manager, Venue, proposal.venueId, undefined, VENUE);
      await this.venues.applyChanges(manager, venue, proposal.changes, actor, afterCommit);
      return this.decide(manager, proposal, VenueChangeProposalStatus.Applied, null, actor);
    });
  }

  async reject(id: string, reason: string, actor: Actor): Promise<VenueChangeProposal> {
    return this.dataSource.transaction(async (manager) => {
      const proposal = await this.lockPending(manager, id);
      return this.decide(manager, proposal, VenueChangeProposalStatus.Rejected, reason.trim(), actor);
    });
  }

  private async lockPending(manager: EntityManager, id: string): Promise<VenueChangeProposal> {
    const proposal = await lockForUpdate(manager, VenueChangeProposal, id, undefined, PROPOSAL);
    if (proposal.status !== VenueChangeProposalStatus.Pending) {
      throw new BusinessRuleError('PROPOSAL_DECIDED', 'Đề xuất này đã được xử lý.', { status: proposal.status }, 409);
    }
    return proposal;
  }

  private async decide(
    manager: EntityManager,
    proposal: VenueChangeProposal,
    status: VenueChangeProposalStatus,
    note: string | null,
    actor: Actor,
  ): Promise<VenueChangeProposal> {
    const before = { ...proposal };
    Object.assign(proposal, { status, decidedBy: actor.id, decidedAt: new Date(), decisionNote: note });
    const saved = await manager.save(proposal);
    await this.audit.record(manager, {
      actor,
      entityType: 'venue_change_proposal',
      entityId: saved.id,
      action: 'transition',
      before,
      after: saved,
      note: status === VenueChangeProposalStatus.Applied ? 'Áp dụng đề xuất thay đổi' : `Không chấp thuận đề xuất: ${note}`,
    });
    return saved;
  }
}

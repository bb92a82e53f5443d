import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { VENUE_CHANGE_PROPOSAL_STATUS_NAMES, VenueChangeProposalStatus } from '@shared/venues/src/change-proposals/venue-change-proposal.enums';
import { VenueStatus, VenueTier } from '@shared/venues/src/venue.enums';
import { client, data } from '../../api/client';
import { ErrorPanel, FieldError, FormError, Loading } from '../../components/errors';
import { changedFields, decimal, decimalText, formatDate, formatInstant, read, text } from '../../input';
import { is, isOneOf } from '../../codes';
import { isPlanner, useUser } from '../../session';
import type { Venue, VenueChangeProposal } from '../../api/models';
import { canWriteVenue } from './workflow';

const FIELD_LABELS: Record<string, string> = {
  name: 'Tên điểm',
  address: 'Địa chỉ',
  communeName: 'Xã, phường',
  hamletName: 'Thôn, tổ dân phố',
  latitude: 'Vĩ độ',
  longitude: 'Kinh độ',
  candidateDates: 'Ngày đề xuất',
};

/** A central venue past approval: its place and time are the committee's, organizers propose. */
export const movesByProposal = (venue: Venue) => is(venue.tier, VenueTier.Central) && isOneOf(venue.status, [VenueStatus.Approved, VenueStatus.Scheduled]);

/**
 * Proposals to move the venue: the list (what would change, why, where it stands), the planner's
 * apply and reject, and for the province's organizer a short form to propose a new place.
 */
export function VenueChangeProposals({ venue }: { venue: Venue }) {
  const user = useUser();
  const planner = isPlanner(user);
  const proposals = useQuery({
    queryKey: ['venue-change-proposals', venue.id],
    queryFn: () => data(client.GET('/api/venues/{venueId}/change-proposals', { params: { path: { venueId: venue.id } } })),
    retry: false,
  });
  if (proposals.error) return <ErrorPanel error={proposals.error} />;
  if (!proposals.data) return <Loading what="đề xuất thay đổi" />;
  const proposing = !planner && canWriteVenue(user, venue) && movesByProposal(venue);
  return (
    <div className="venue-change-proposals" data-testid="venue-change-proposals">
      {proposing && (
        <p className="muted">
          Địa điểm và thời gian của điểm do Trung ương chọn đã được phê duyệt do cán bộ lập kế hoạch Trung ương thay đổi; đồng chí gửi đề xuất để Trung ương xem
          xét.
        </p>
      )}
      {proposals.data.length === 0 ? (
        <p className="muted">Chưa có đề xuất thay đổi.</p>
      ) : (
        <ul className="plain-list">
          {proposals.data.map((proposal) => (
            <ProposalRow key={proposal.id} proposal={proposal} venue={venue} planner={planner} />
          ))}
        </ul>
      )}
      {proposing && <ProposalForm venue={venue} />}
    </div>
  );
}

function valueText(field: string, value: unknown): string {
  if (field === 'candidateDates' && Array.isArray(value)) return value.map((day) => formatDate(String(day))).join(', ');
  if (typeof value === 'number') return decimalText(value);
  return typeof value === 'string' && value !== '' ? value : '—';
}

function ProposalRow({ proposal, venue, planner }: { proposal: VenueChangeProposal; venue: Venue; planner: boolean }) {
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const done = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['venue-change-proposals', venue.id] }),
      queryClient.invalidateQueries({ queryKey: ['venue', venue.id] }),
    ]);
  const apply = useMutation({
    mutationFn: () => data(client.POST('/api/venue-change-proposals/{id}/apply', { params: { path: { id: proposal.id } } })),
    onSuccess: done,
  });
  const reject = useMutation({
    mutationFn: () => data(client.POST('/api/venue-change-proposals/{id}/reject', { params: { path: { id: proposal.id } }, body: { reason: reason.trim() } })),
    onSuccess: done,
  });
  const pending = is(proposal.status, VenueChangeProposalStatus.Pending);
  return (
    <li data-testid="venue-change-proposal">
      <strong>{VENUE_CHANGE_PROPOSAL_STATUS_NAMES[proposal.status as VenueChangeProposalStatus]}</strong>{' '}
      <small className="muted">
        {proposal.proposedByEmail}, {formatInstant(proposal.createdAt)}
      </small>
      <dl className="details">
        {Object.entries(proposal.changes).map(([field, value]) => (
          <div key={field}>
            <dt>{FIELD_LABELS[field] ?? field}</dt>
            <dd>{valueText(field, value)}</dd>
          </div>
        ))}
      </dl>
      {proposal.note && <p>Lý do: {proposal.note}</p>}
      {proposal.decisionNote && <p>Trung ương: {proposal.decisionNote}</p>}
      {planner && pending && (
        <div className="buttons">
          <button type="button" disabled={apply.isPending} onClick={() => apply.mutate()}>
            Áp dụng (gửi thông báo thay đổi tới lãnh đạo được mời)
          </button>
          <button type="button" className="secondary" onClick={() => setRejecting(!rejecting)}>
            Không chấp thuận
          </button>
        </div>
      )}
      {rejecting && pending && (
        <form
          className="inline-form"
          aria-label="Không chấp thuận đề xuất"
          onSubmit={(event) => {
            event.preventDefault();
            reject.mutate();
          }}
        >
          <label>
            Lý do
            <textarea name="reason" rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
            <FieldError error={reject.error} field="reason" />
          </label>
          <button type="submit" disabled={reject.isPending}>
            Xác nhận không chấp thuận
          </button>
          <FormError error={reject.error} fields={['reason']} />
        </form>
      )}
      <FormError error={apply.error} />
    </li>
  );
}

function ProposalForm({ venue }: { venue: Venue }) {
  const queryClient = useQueryClient();
  const initial = {
    name: venue.name,
    address: venue.address,
    communeName: venue.communeName,
    latitude: decimalText(venue.latitude),
    longitude: decimalText(venue.longitude),
  };
  const [fields, setFields] = useState(initial);
  const [note, setNote] = useState('');
  const propose = useMutation({
    mutationFn: () => {
      const typed = read({
        name: text(fields.name, { required: true }),
        address: text(fields.address, { required: true }),
        communeName: text(fields.communeName, { required: true }),
        latitude: decimal(fields.latitude, { required: true }),
        longitude: decimal(fields.longitude, { required: true }),
      });
      const changes = changedFields(typed, venue);
      return data(
        client.POST('/api/venues/{venueId}/change-proposals', { params: { path: { venueId: venue.id } }, body: { changes, note: note.trim() || null } }),
      );
    },
    onSuccess: () => {
      setNote('');
      return queryClient.invalidateQueries({ queryKey: ['venue-change-proposals', venue.id] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    propose.mutate();
  };
  const field = (key: keyof typeof initial, label: string) => (
    <label>
      {label}
      <input name={key} value={fields[key]} onChange={(event) => setFields({ ...fields, [key]: event.target.value })} />
      <FieldError error={propose.error} field={`changes.${key}`} />
    </label>
  );
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label="Đề xuất thay đổi địa điểm">
      <div className="fields">
        {field('name', 'Tên điểm')}
        {field('address', 'Địa chỉ')}
        {field('communeName', 'Xã, phường')}
        {field('latitude', 'Vĩ độ')}
        {field('longitude', 'Kinh độ')}
      </div>
      <label>
        Lý do đề xuất
        <textarea name="note" rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      <button type="submit" disabled={propose.isPending}>
        Gửi đề xuất
      </button>
      {propose.isSuccess && <p className="notice">Đã gửi đề xuất; Trung ương sẽ xem xét.</p>}
      <FormError error={propose.error} fields={['changes.name', 'changes.address', 'changes.communeName', 'changes.latitude', 'changes.longitude']} />
    </form>
  );
}

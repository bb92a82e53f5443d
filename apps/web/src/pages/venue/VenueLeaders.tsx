/**
 * The leaders assigned to a venue (chief guest first) and, for planners, assigning and removing them
 * and each leader's own invitation. The API decides (one chief guest, availability, one venue a day,
 * a leader's maximum); its refusals show where the action was.
 */
import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { RANK_TIER_NAMES, RANK_TIER_ORDER } from '@shared/leaders/src/rank-tier';
import { client, data, getAll } from '../../api/client';
import { ErrorPanel, FieldError, FormError, Loading } from '../../components/errors';
import { formatDate } from '../../input';
import { ASSIGNMENT_ROLE_NAMES, ASSIGNMENT_ROLES, AssignmentRole } from '@shared/leaders/src/assignment.enums';
import { INVITATION_STATUS_NAMES, InvitationStatus } from '@shared/invitations/src/invitation.enums';
import { VenueStatus } from '@shared/venues/src/venue.enums';
import { codeIn, is } from '../../codes';
import { isPlanner, useUser } from '../../session';
import type { Invitation, LeaderOption, Venue, VenueLeader } from '../../api/models';
import { isEditable } from './workflow';

/** How often the invitations are refreshed while one waits in the mail queue (as the invitations page does). */
const SENDING_POLL_MS = 2000;

/** The invitation that speaks for a leader at this venue: the newest one still in force, else the newest. */
function invitationOf(invitations: Invitation[], leaderId: string): Invitation | undefined {
  const own = invitations.filter((invitation) => invitation.leaderId === leaderId); // the API lists the newest first
  return own.find((invitation) => !is(invitation.status, InvitationStatus.Withdrawn)) ?? own[0];
}

export function VenueLeaders({ venue }: { venue: Venue }) {
  const user = useUser();
  const planner = isPlanner(user);
  // Assignments are planners' work, on a venue that is not final (the API also checks the edition is open).
  const assigning = planner && isEditable(user, venue);
  // Invitations go to scheduled venues only.
  const inviting = planner && is(venue.status, VenueStatus.Scheduled);
  const venueId = venue.id;
  const leaders = useQuery({
    queryKey: ['venue-leaders', venueId],
    queryFn: () => data(client.GET('/api/venues/{venueId}/leaders', { params: { path: { venueId } } })),
    retry: false,
  });
  const invitations = useQuery({
    queryKey: ['invitations', 'venue', venue.id],
    queryFn: () => getAll((paging) => client.GET('/api/invitations', { params: { query: { venueId, ...paging } } })),
    enabled: planner,
    // The worker sends a queued invitation by itself: follow it to "sent".
    refetchInterval: (query) => (query.state.data?.some((invitation) => is(invitation.status, InvitationStatus.Queued)) ? SENDING_POLL_MS : false),
  });

  if (leaders.error) return <ErrorPanel error={leaders.error} />;
  if (!leaders.data) return <Loading what="lãnh đạo dự" />;
  const columns = 3 + (planner ? 1 : 0) + (assigning || inviting ? 1 : 0);
  return (
    <div className="venue-leaders" data-testid="venue-leaders">
      <table className="grid">
        <thead>
          <tr>
            <th>Lãnh đạo</th>
            <th>Chức danh</th>
            <th>Vai trò</th>
            {planner && <th>Lời mời</th>}
            {(assigning || inviting) && <th />}
          </tr>
        </thead>
        <tbody>
          {leaders.data.map((leader) => (
            <LeaderRow
              key={leader.leaderId}
              venue={venue}
              leader={leader}
              invitation={invitations.data && invitationOf(invitations.data, leader.leaderId)}
              showInvitation={planner}
              invitationsLoaded={!!invitations.data}
              assigning={assigning}
              inviting={inviting}
              columns={columns}
            />
          ))}
          {leaders.data.length === 0 && (
            <tr>
              <td colSpan={columns} className="muted">
                Chưa phân công lãnh đạo dự điểm này.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <FormError error={invitations.error} />
      {planner && !is(venue.status, VenueStatus.Scheduled) && leaders.data.length > 0 && (
        <p className="muted">Lời mời được lập khi điểm tổ chức đã được xếp lịch.</p>
      )}
      {planner && leaders.data.length > 0 && (
        <p className="muted">
          Xem trước thư mời, thu hồi lời mời: <Link to="/loi-moi">trang Lời mời</Link>.
        </p>
      )}
      {assigning && <AssignLeader venue={venue} assigned={leaders.data} />}
    </div>
  );
}

function LeaderRow(props: {
  venue: Venue;
  leader: VenueLeader;
  invitation: Invitation | undefined;
  showInvitation: boolean;
  invitationsLoaded: boolean;
  assigning: boolean;
  inviting: boolean;
  columns: number;
}) {
  const { venue, leader, invitation } = props;
  const queryClient = useQueryClient();
  const invitationsChanged = () => {
    void queryClient.invalidateQueries({ queryKey: ['invitations'] }); // every view of them: this venue's, the edition's, previews
  };
  // Taking a leader off the venue also withdraws their invitation there (the API does both at once).
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => data(client.DELETE('/api/venues/{venueId}/leaders/{leaderId}', { params: { path: { venueId: venue.id, leaderId: leader.leaderId } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['venue-leaders', venue.id] });
      invitationsChanged();
    },
  });
  const invite = useMutation({
    mutationFn: () => data(client.POST('/api/invitations', { body: { venueId: venue.id, leaderId: leader.leaderId, role: leader.role } })),
    onSuccess: invitationsChanged,
  });
  const send = useMutation({
    mutationFn: (id: string) => data(client.POST('/api/invitations/{id}/send', { params: { path: { id } } })),
    onSuccess: invitationsChanged,
  });
  const error = remove.error ?? invite.error ?? send.error;
  const live = invitation && !is(invitation.status, InvitationStatus.Withdrawn);
  return (
    <>
      <tr data-testid="leader-row" aria-label={leader.fullName}>
        <td>
          <strong>{leader.fullName}</strong>
          <small className="block">{RANK_TIER_NAMES[leader.rankTier] ?? leader.rankTier}</small>
        </td>
        <td>{leader.title}</td>
        <td data-testid="leader-role">{ASSIGNMENT_ROLE_NAMES[leader.role]}</td>
        {props.showInvitation && (
          <td>
            {invitation ? (
              <span className={`tag invitation-${invitation.status}`} data-testid="leader-invitation-status">
                {INVITATION_STATUS_NAMES[invitation.status]}
              </span>
            ) : (
              props.invitationsLoaded && <span className="muted">Chưa lập lời mời</span>
            )}
          </td>
        )}
        {(props.assigning || props.inviting) && (
          <td className="row-actions">
            {props.inviting && props.invitationsLoaded && !live && (
              <button type="button" className="link" onClick={() => invite.mutate()} disabled={invite.isPending}>
                Lập lời mời
              </button>
            )}
            {props.inviting && invitation && is(invitation.status, InvitationStatus.Draft) && (
              <button type="button" className="link" onClick={() => send.mutate(invitation.id)} disabled={send.isPending}>
                Gửi lời mời
              </button>
            )}
            {props.assigning && !confirming && (
              <button type="button" className="link danger" onClick={() => (live ? setConfirming(true) : remove.mutate())} disabled={remove.isPending}>
                Bỏ phân công
              </button>
            )}
            {props.assigning && confirming && (
              <span className="confirm" role="group" aria-label="Xác nhận bỏ phân công">
                Lời mời của đồng chí {leader.fullName} sẽ bị thu hồi
                {invitation && is(invitation.status, InvitationStatus.Draft) ? '' : ' và thư hủy lịch sẽ được gửi'}.{' '}
                <button type="button" className="link danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
                  Xác nhận bỏ phân công
                </button>{' '}
                <button type="button" className="link" onClick={() => setConfirming(false)}>
                  Giữ nguyên
                </button>
              </span>
            )}
          </td>
        )}
      </tr>
      {error ? (
        <tr className="row-error">
          <td colSpan={props.columns}>
            <FormError error={error} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/**
 * Choosing a leader and their role. The API says per leader (`leader-options`) appearances used /
 * allowed this edition, whether free on the venue's date and why not (clash, unavailable, maximum,
 * tier); the chosen one's reasons show under the list. The API still has the last word on assigning.
 */
function AssignLeader({ venue, assigned }: { venue: Venue; assigned: VenueLeader[] }) {
  const queryClient = useQueryClient();
  const options = useQuery({
    queryKey: ['venue-leaders', venue.id, 'options'],
    queryFn: () => data(client.GET('/api/venues/{venueId}/leader-options', { params: { path: { venueId: venue.id } } })),
  });
  const hasChief = assigned.some((leader) => is(leader.role, AssignmentRole.ChiefGuest));
  const [leaderId, setLeaderId] = useState('');
  const [role, setRole] = useState<VenueLeader['role']>(hasChief ? AssignmentRole.Accompanying : AssignmentRole.ChiefGuest);
  const assign = useMutation({
    mutationFn: () => data(client.POST('/api/venues/{venueId}/leaders', { params: { path: { venueId: venue.id } }, body: { leaderId, role } })),
    onSuccess: (list) => {
      queryClient.setQueryData(['venue-leaders', venue.id], list);
      void queryClient.invalidateQueries({ queryKey: ['venue-leaders', venue.id, 'options'] });
      void queryClient.invalidateQueries({ queryKey: ['invitations', 'venue', venue.id] });
      setLeaderId('');
      setRole(list.some((leader) => is(leader.role, AssignmentRole.ChiefGuest)) ? AssignmentRole.Accompanying : AssignmentRole.ChiefGuest);
    },
  });

  if (options.error) return <ErrorPanel error={options.error} />;
  if (!options.data) return <Loading what="danh sách lãnh đạo" />;
  // Those assigned meanwhile leave the list at once (the API's refreshed answer follows).
  const taken = new Set(assigned.map((leader) => leader.leaderId));
  const choices = options.data.filter((option) => !taken.has(option.leaderId));
  const chosen = choices.find((option) => option.leaderId === leaderId);
  const summary = (option: LeaderOption) => {
    const day =
      option.freeOnDate === null
        ? ''
        : option.freeOnDate
          ? ` · rảnh ngày ${formatDate(venue.scheduledDate)}`
          : ` · bận ngày ${formatDate(venue.scheduledDate)}`;
    const full = option.appearancesUsed >= option.appearancesAllowed ? ' · hết lượt' : '';
    return `${option.fullName} — ${option.title} · đã dự ${option.appearancesUsed}/${option.appearancesAllowed}${day}${full}`;
  };
  function submit(event: FormEvent) {
    event.preventDefault();
    assign.mutate();
  }

  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label="Phân công lãnh đạo">
      <div className="fields">
        <label className="wide">
          Lãnh đạo
          <select name="leaderId" value={leaderId} onChange={(event) => setLeaderId(event.target.value)}>
            <option value="">— Chọn lãnh đạo —</option>
            {RANK_TIER_ORDER.map((tier) => {
              const group = choices.filter((option) => is(option.rankTier, tier));
              return group.length === 0 ? null : (
                <optgroup key={tier} label={RANK_TIER_NAMES[tier]}>
                  {group.map((option) => (
                    <option key={option.leaderId} value={option.leaderId}>
                      {option.canAttend ? '' : '⚠ '}
                      {summary(option)}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
          <FieldError error={assign.error} field="leaderId" />
        </label>
        {chosen && (
          <div className="leader-option wide" data-testid="leader-option" aria-live="polite">
            <p>
              Đã dự {chosen.appearancesUsed}/{chosen.appearancesAllowed} lần trong đợt này
              {chosen.freeOnDate === null
                ? ' · điểm chưa có ngày tổ chức'
                : chosen.freeOnDate
                  ? ` · rảnh ngày ${formatDate(venue.scheduledDate)}`
                  : ` · không rảnh ngày ${formatDate(venue.scheduledDate)}`}
              .
            </p>
            {chosen.hindrances.length > 0 && (
              <ul>
                {chosen.hindrances.map((hindrance) => (
                  <li key={hindrance.code}>{hindrance.message}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <label>
          Vai trò
          <select name="role" value={role} onChange={(event) => setRole(codeIn(ASSIGNMENT_ROLES, event.target.value) ?? role)}>
            {ASSIGNMENT_ROLES.map((item) => (
              <option key={item} value={item}>
                {ASSIGNMENT_ROLE_NAMES[item]}
              </option>
            ))}
          </select>
          <FieldError error={assign.error} field="role" />
        </label>
      </div>
      <FormError error={assign.error} fields={['leaderId', 'role']} />
      <div className="buttons">
        <button type="submit" disabled={assign.isPending || !leaderId}>
          {assign.isPending ? 'Đang phân công…' : 'Phân công'}
        </button>
      </div>
    </form>
  );
}

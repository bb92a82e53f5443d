/**
 * Pieces of an invitation the invitations page and the venue page both show: a proposed substitute with
 * the planner's decision (approve, or refuse with a reason), an invitation's history, and the answers to
 * a venue's invitations as everyone who may see its leaders reads them (no contacts). The API decides;
 * its refusals (a clash of a deputy who is a registered leader, a cancelled venue) show where the action was.
 */
import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data } from '../api/client';
import { ErrorPanel, FieldError, FormError, Loading } from './errors';
import { formatInstant } from '../input';
import { ANSWERED_VIA_NAMES, INVITATION_STATUS_NAMES } from '@shared/invitations/src/invitation.enums';
import { ASSIGNMENT_ROLE_NAMES } from '@shared/leaders/src/assignment.enums';
import type { Invitation, VenueInvitationAnswer } from '../api/models';

/** The query keys these pieces change: every view of invitations, a venue's answers and leaders, the header's count. */
function useInvitationsChanged(venueId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['invitations'] });
    void queryClient.invalidateQueries({ queryKey: ['invitation-answers', venueId] });
    void queryClient.invalidateQueries({ queryKey: ['venue-leaders', venueId] });
  };
}

/** A proposed substitute and the planner's decision on it. */
export function SubstituteDecision({ invitation, onApproved }: { invitation: Invitation; onApproved: (deputyName: string) => void }) {
  const changed = useInvitationsChanged(invitation.venueId);
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const path = { params: { path: { id: invitation.id } } };
  // The decision's row goes once the proposal is decided: the parent, which stays, says what was done.
  const approve = useMutation({
    mutationFn: () => data(client.POST('/api/invitations/{id}/substitute/approve', path)),
    onSuccess: (approval) => {
      onApproved(approval.substitute.delegateName);
      changed();
    },
  });
  const refuse = useMutation({
    mutationFn: () => data(client.POST('/api/invitations/{id}/substitute/refuse', { ...path, body: { reason: reason.trim() } })),
    onSuccess: changed,
  });
  const substitute = invitation.substitute;
  if (!substitute) return null;
  function submit(event: FormEvent) {
    event.preventDefault();
    refuse.mutate();
  }
  return (
    <div className="substitute-decision" data-testid="substitute-decision" aria-label={`Đề nghị người dự thay ${invitation.delegateName}`}>
      <p>
        <strong>{invitation.delegateName}</strong> đề nghị cử <strong data-testid="substitute-name">{substitute.name}</strong> ({substitute.position}) dự thay.
      </p>
      <p className="muted">
        {substitute.email}
        {substitute.phone ? ` · ${substitute.phone}` : ''}
        {substitute.leaderId ? ' · lãnh đạo đã có trong danh sách: được phân công thay khi chấp thuận' : ''}
        {invitation.answeredAt && invitation.answeredVia
          ? ` · đề nghị lúc ${formatInstant(invitation.answeredAt)} qua ${ANSWERED_VIA_NAMES[invitation.answeredVia]}`
          : ''}
      </p>
      {invitation.answerComment && <p className="muted">Ghi chú: {invitation.answerComment}</p>}
      {!approve.data && (
        <div className="buttons">
          <button type="button" onClick={() => approve.mutate()} disabled={approve.isPending || refuse.isPending}>
            {approve.isPending ? 'Đang chấp thuận…' : 'Chấp thuận người dự thay'}
          </button>
          <button type="button" className="secondary" onClick={() => setRefusing(!refusing)} disabled={approve.isPending}>
            Không chấp thuận
          </button>
        </div>
      )}
      <FormError error={approve.error} />
      {refusing && !approve.data && (
        <form className="inline-form" onSubmit={submit} noValidate aria-label={`Không chấp thuận người dự thay của ${invitation.delegateName}`}>
          <label className="wide">
            Lý do (gửi tới văn phòng của đồng chí {invitation.delegateName})
            <input name="reason" value={reason} onChange={(event) => setReason(event.target.value)} />
            <FieldError error={refuse.error} field="reason" />
          </label>
          <FormError error={refuse.error} fields={['reason']} />
          <button type="submit" className="danger" disabled={refuse.isPending}>
            Gửi ý kiến không chấp thuận
          </button>
        </form>
      )}
    </div>
  );
}

/** Who did what and when, oldest first (local time, as the API words it). */
export function InvitationHistory({ id }: { id: string }) {
  const history = useQuery({
    queryKey: ['invitations', 'history', id],
    queryFn: () => data(client.GET('/api/invitations/{id}/history', { params: { path: { id } } })),
  });
  if (history.error) return <ErrorPanel error={history.error} />;
  if (!history.data) return <Loading what="lịch sử lời mời" />;
  return (
    <ol className="invitation-history" data-testid="invitation-history">
      {history.data.map((line, index) => (
        <li key={index} data-kind={line.kind}>
          <time dateTime={line.at}>{line.localTime}</time> · <strong>{line.kindName}</strong>
          {line.detail ? `: ${line.detail}` : ''} <span className="muted">— {line.actor}</span>
          {line.note && line.note !== line.detail && <small className="block">{line.note}</small>}
        </li>
      ))}
    </ol>
  );
}

/** The answers to a venue's invitations: who is invited, their answer and arrival details, never a contact. */
export function VenueAnswers({ venueId }: { venueId: string }) {
  const answers = useQuery({
    queryKey: ['invitation-answers', venueId],
    queryFn: () => data(client.GET('/api/venues/{venueId}/invitation-answers', { params: { path: { venueId } } })),
    retry: false,
  });
  if (answers.error) return <ErrorPanel error={answers.error} />;
  if (!answers.data) return <Loading what="trả lời của đại biểu" />;
  if (answers.data.length === 0) return <p className="muted">Chưa có lời mời nào được gửi cho điểm này.</p>;
  return (
    <ul className="answers" data-testid="venue-answers">
      {answers.data.map((answer) => (
        <AnswerItem key={answer.invitationId} answer={answer} />
      ))}
    </ul>
  );
}

function AnswerItem({ answer }: { answer: VenueInvitationAnswer }) {
  return (
    <li data-testid="venue-answer" aria-label={answer.delegateName}>
      <div className="answer-head">
        <strong>{answer.delegateName}</strong>
        <span className={`tag invitation-${answer.status}`}>{INVITATION_STATUS_NAMES[answer.status]}</span>
      </div>
      <small className="block">
        {[answer.delegateTitle, ASSIGNMENT_ROLE_NAMES[answer.role], answer.substituteForName ? `dự thay đồng chí ${answer.substituteForName}` : null]
          .filter(Boolean)
          .join(' · ')}
      </small>
      {answer.answered && answer.answeredAt && (
        <small className="block">
          Trả lời lúc {formatInstant(answer.answeredAt)}
          {answer.answeredVia ? ` qua ${ANSWERED_VIA_NAMES[answer.answeredVia]}` : ''}
        </small>
      )}
      {answer.answerComment && <p className="answer-note">Thông tin đến dự: {answer.answerComment}</p>}
      {answer.substitute && (
        <small className="block">
          Đề nghị cử người dự thay: {answer.substitute.name} ({answer.substitute.position}) — chờ Ban Tổ chức quyết định
        </small>
      )}
    </li>
  );
}

/** A venue's substitute proposals waiting for a planner's decision (planners only). */
export function PendingSubstitutes({ venueId }: { venueId: string }) {
  const [approved, setApproved] = useState<string | null>(null);
  const pending = useQuery({
    queryKey: ['invitations', 'pending', 'venue', venueId],
    queryFn: () => data(client.GET('/api/invitations', { params: { query: { venueId, status: ['substitute_proposed'], pageSize: 100 } } })),
  });
  if (pending.error) return <FormError error={pending.error} />;
  return (
    <>
      {approved && <ApprovedNotice deputyName={approved} />}
      {pending.data && pending.data.items.length > 0 && (
        <div className="pending-substitutes" data-testid="venue-pending-substitutes">
          <h3>Đề nghị người dự thay chờ quyết định</h3>
          {pending.data.items.map((invitation) => (
            <SubstituteDecision key={`${invitation.id}-${invitation.version}`} invitation={invitation} onApproved={setApproved} />
          ))}
        </div>
      )}
    </>
  );
}

/** How many substitute proposals of the edition wait for a decision (the header's count, planners only). */
export function usePendingSubstituteCount(editionId: string | undefined) {
  return useQuery({
    queryKey: ['invitations', 'pending', 'count', editionId],
    queryFn: async () =>
      (await data(client.GET('/api/invitations', { params: { query: { editionId: editionId!, status: ['substitute_proposed'], pageSize: 1 } } }))).total,
    enabled: !!editionId,
    refetchInterval: 60_000,
  });
}

/** What an approval did, said where the planner stays. */
export function ApprovedNotice({ deputyName }: { deputyName: string }) {
  return (
    <p className="ok" role="status" data-testid="substitute-approved">
      Đã chấp thuận người dự thay: thư hủy lịch đã gửi người được mời ban đầu, lời mời riêng đã được xếp hàng gửi tới đồng chí {deputyName}.
    </p>
  );
}

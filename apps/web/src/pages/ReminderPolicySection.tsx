/** The edition's reminder policy (planners): which reminders the system sends by itself, and when. */
import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data } from '../api/client';
import type { Edition, ReminderPolicy } from '../api/models';
import { ErrorPanel, Field, FormError, Loading } from '../components/errors';
import { ReloadButton } from '../components/ReloadButton';
import { durations, durationText, read, whole, wholes } from '../input';
import { EditionStatus } from '@shared/editions/src/edition-status';
import { is } from '../codes';

interface PolicyDraft {
  delegateOffsets: string;
  taskOffsetsDays: string;
  venueOffsetsDays: string;
  escalationHours: string;
}

const POLICY_FIELDS = ['delegateOffsetsMinutes', 'taskOffsetsDays', 'venueOffsetsDays', 'escalationHours'];

const policyDraftOf = (policy: ReminderPolicy): PolicyDraft => ({
  delegateOffsets: policy.delegateOffsetsMinutes.map(durationText).join(', '),
  taskOffsetsDays: policy.taskOffsetsDays.join(', '),
  venueOffsetsDays: policy.venueOffsetsDays.join(', '),
  escalationHours: String(policy.escalationHours),
});

const readPolicy = (editionId: string) => data(client.GET('/api/editions/{editionId}/reminder-policy', { params: { path: { editionId } } }));

/** The reminder policy of the chosen edition: which reminders the system sends by itself, and when. */
export function ReminderPolicySection({ edition }: { edition: Edition }) {
  const policy = useQuery({ queryKey: ['reminder-policy', edition.id], queryFn: () => readPolicy(edition.id) });
  return (
    <section className="panel reminder-policy" aria-label="Nhắc việc tự động" data-testid="reminder-policy">
      <h2>Nhắc việc tự động — đợt năm {edition.year}</h2>
      <p className="muted">
        Hệ thống tự gửi thư nhắc theo các mốc dưới đây. Khi lưu, các mốc mới áp dụng ngay cho mọi lời mời, việc hậu cần và điểm tổ chức của đợt: mốc thêm vào
        được lên lịch, mốc bỏ đi được hủy; thư đã gửi giữ nguyên.
      </p>
      {policy.error ? (
        <ErrorPanel error={policy.error} />
      ) : !policy.data ? (
        <Loading what="chính sách nhắc việc" />
      ) : (
        <ReminderPolicyForm edition={edition} policy={policy.data} />
      )}
    </section>
  );
}

function ReminderPolicyForm({ edition, policy }: { edition: Edition; policy: ReminderPolicy }) {
  const queryClient = useQueryClient();
  const [base, setBase] = useState(policy);
  const [draft, setDraft] = useState(() => policyDraftOf(policy));
  const restart = (fresh: ReminderPolicy) => {
    queryClient.setQueryData(['reminder-policy', edition.id], fresh);
    setBase(fresh);
    setDraft(policyDraftOf(fresh));
  };
  const save = useMutation({
    mutationFn: (current: PolicyDraft) =>
      data(
        client.PUT('/api/editions/{editionId}/reminder-policy', {
          params: { path: { editionId: edition.id } },
          body: read({
            delegateOffsetsMinutes: durations(current.delegateOffsets),
            taskOffsetsDays: wholes(current.taskOffsetsDays),
            venueOffsetsDays: wholes(current.venueOffsetsDays),
            escalationHours: whole(current.escalationHours, { required: true }),
            version: base.version ?? undefined,
          }),
        }),
      ),
    onSuccess: (saved) => {
      restart(saved);
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
  const reload = useMutation({
    mutationFn: () => readPolicy(edition.id),
    onSuccess: (fresh) => {
      restart(fresh);
      save.reset();
    },
  });
  const set = (field: keyof PolicyDraft) => (event: { target: { value: string } }) => setDraft({ ...draft, [field]: event.target.value });
  const changed = JSON.stringify(draft) !== JSON.stringify(policyDraftOf(base));
  const closed = is(edition.status, EditionStatus.Closed);
  const error = save.error;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(draft);
  }

  return (
    <form className="policy-form" onSubmit={submit} noValidate aria-label="Chính sách nhắc việc">
      {base.isDefault && (
        <p className="notice" data-testid="policy-default">
          Đợt này đang dùng thiết lập mặc định. Khi lưu, thiết lập dưới đây trở thành thiết lập riêng của đợt.
        </p>
      )}
      {closed && <p className="notice">Đợt đã kết thúc: không thay đổi được chính sách nhắc việc.</p>}
      <Field
        label="Nhắc đại biểu trước giờ khai mạc"
        field="delegateOffsetsMinutes"
        error={error}
        hint="Lãnh đạo, đại biểu được mời (trừ người đã từ chối hoặc lời mời đã thu hồi) nhận thư nhắc trước giờ bắt đầu tại điểm mình dự. Ví dụ: 7 ngày, 1 ngày, 2 giờ — số không kèm đơn vị tính là giờ; tối đa 60 ngày, nhiều nhất 10 mốc; để trống: không nhắc."
      >
        <input name="delegateOffsets" value={draft.delegateOffsets} onChange={set('delegateOffsets')} />
      </Field>
      <Field
        label="Nhắc việc hậu cần trước hạn (ngày)"
        field="taskOffsetsDays"
        error={error}
        hint="Cán bộ tổ chức của tỉnh nhận thư nhắc lúc 08:00 vào mỗi mốc trước hạn hoàn thành của từng việc chưa xong; 0 là đúng ngày đến hạn. Ví dụ: 3, 1, 0 — từ 0 đến 60 ngày."
      >
        <input name="taskOffsetsDays" value={draft.taskOffsetsDays} onChange={set('taskOffsetsDays')} />
      </Field>
      <Field
        label="Nhắc tỉnh trước ngày tổ chức (ngày)"
        field="venueOffsetsDays"
        error={error}
        hint="Cán bộ tổ chức của tỉnh nhận thư nhắc lúc 08:00, trước ngày tổ chức của mỗi điểm đã xếp lịch trong tỉnh. Ví dụ: 7, 1 — từ 1 đến 60 ngày."
      >
        <input name="venueOffsetsDays" value={draft.venueOffsetsDays} onChange={set('venueOffsetsDays')} />
      </Field>
      <Field
        label="Báo việc quá hạn sau (giờ)"
        field="escalationHours"
        error={error}
        hint="Việc còn mở N giờ sau hạn (17:00 ngày đến hạn) được báo cho cán bộ tổ chức của tỉnh, sau 2N giờ báo lên cán bộ lập kế hoạch Trung ương; 0 là không báo. Tối đa 720 giờ (30 ngày)."
      >
        <input name="escalationHours" inputMode="numeric" value={draft.escalationHours} onChange={set('escalationHours')} size={6} />
      </Field>
      <FormError error={error} fields={POLICY_FIELDS} />
      <FormError error={reload.error} />
      {save.isSuccess && !changed && (
        <p className="ok" role="status">
          Đã lưu chính sách nhắc việc.
        </p>
      )}
      <div className="buttons">
        <button type="submit" disabled={save.isPending || !changed || closed}>
          {save.isPending ? 'Đang lưu…' : 'Lưu chính sách nhắc việc'}
        </button>
        <ReloadButton error={error} busy={reload.isPending} onReload={() => reload.mutate()} />
        <button type="button" className="secondary" disabled={!changed} onClick={() => setDraft(policyDraftOf(base))}>
          Hoàn tác thay đổi
        </button>
      </div>
    </form>
  );
}

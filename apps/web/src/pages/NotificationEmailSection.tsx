/** My notification e-mail preferences, on the inbox page (`/thong-bao?muc=email`, where every notification e-mail links). */
import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { NOTIFICATION_KIND_NAMES, NotificationKind } from '@shared/notifications/src/notification.enums';
import { client, data } from '../api/client';
import type { NotificationPreferences } from '../api/models';
import { codeIn } from '../codes';
import { ErrorPanel, FieldError, FormError, Loading } from '../components/errors';
import { ReloadButton } from '../components/ReloadButton';

const KINDS = Object.values(NotificationKind);
const PREFERENCES_KEY = ['notification-preferences'];

interface Draft {
  dailyDigest: boolean;
  immediateKinds: NotificationKind[];
}

const draftOf = (preferences: NotificationPreferences): Draft => ({
  dailyDigest: preferences.dailyDigest,
  immediateKinds: preferences.immediateKinds.map((kind) => codeIn(KINDS, kind)).filter((kind): kind is NotificationKind => kind !== undefined),
});
const sameDraft = (a: Draft, b: Draft) =>
  a.dailyDigest === b.dailyDigest && a.immediateKinds.length === b.immediateKinds.length && a.immediateKinds.every((kind) => b.immediateKinds.includes(kind));

const readPreferences = () => data(client.GET('/api/notifications/preferences'));

export function NotificationEmailSection({ onClose }: { onClose: () => void }) {
  const preferences = useQuery({ queryKey: PREFERENCES_KEY, queryFn: readPreferences });
  return (
    <section className="panel notification-email" aria-label="Nhận thông báo qua thư điện tử" data-testid="notification-email">
      <div className="section-head">
        <h2>Nhận thông báo qua thư điện tử</h2>
        <button type="button" className="link" onClick={onClose}>
          Đóng
        </button>
      </div>
      {preferences.error ? (
        <ErrorPanel error={preferences.error} />
      ) : !preferences.data ? (
        <Loading what="cách nhận thư" />
      ) : (
        <NotificationEmailForm preferences={preferences.data} />
      )}
    </section>
  );
}

function NotificationEmailForm({ preferences }: { preferences: NotificationPreferences }) {
  const queryClient = useQueryClient();
  const [base, setBase] = useState(preferences);
  const [draft, setDraft] = useState(() => draftOf(preferences));
  const restart = (fresh: NotificationPreferences) => {
    queryClient.setQueryData(PREFERENCES_KEY, fresh);
    setBase(fresh);
    setDraft(draftOf(fresh));
  };
  const save = useMutation({
    mutationFn: (current: Draft) =>
      data(
        client.PUT('/api/notifications/preferences', {
          body: { dailyDigest: current.dailyDigest, immediateKinds: current.immediateKinds, version: base.version ?? undefined },
        }),
      ),
    onSuccess: restart,
  });
  const reload = useMutation({
    mutationFn: readPreferences,
    onSuccess: (fresh) => {
      restart(fresh);
      save.reset();
    },
  });
  const available = base.availableKinds.map((kind) => codeIn(KINDS, kind)).filter((kind): kind is NotificationKind => kind !== undefined);
  const changed = !sameDraft(draft, draftOf(base));
  const toggle = (kind: NotificationKind, on: boolean) =>
    setDraft({ ...draft, immediateKinds: on ? [...draft.immediateKinds, kind] : draft.immediateKinds.filter((chosen) => chosen !== kind) });
  const hour = `${String(base.digestHour).padStart(2, '0')}:00`;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(draft);
  }

  return (
    <form className="notification-email-form" onSubmit={submit} noValidate aria-label="Cách nhận thư thông báo">
      <label className="checkbox">
        <input type="checkbox" name="dailyDigest" checked={draft.dailyDigest} onChange={(event) => setDraft({ ...draft, dailyDigest: event.target.checked })} />{' '}
        Thư tổng hợp hằng ngày lúc {hour} (giờ Việt Nam)
      </label>
      <small className="muted">Mỗi sáng một thư liệt kê các thông báo trong 24 giờ qua mà đồng chí chưa đọc; không có thông báo chưa đọc thì không gửi.</small>
      <FieldError error={save.error} field="dailyDigest" />
      <fieldset>
        <legend>Gửi thư ngay khi có thông báo loại</legend>
        {available.length === 0 ? (
          <p className="muted">Vai trò của đồng chí không nhận thông báo nào.</p>
        ) : (
          available.map((kind) => (
            <label key={kind} className="checkbox">
              <input
                type="checkbox"
                name="immediateKinds"
                value={kind}
                checked={draft.immediateKinds.includes(kind)}
                onChange={(event) => toggle(kind, event.target.checked)}
              />{' '}
              {NOTIFICATION_KIND_NAMES[kind]}
            </label>
          ))
        )}
        <FieldError error={save.error} field="immediateKinds" />
      </fieldset>
      {base.version === null || base.version === undefined ? <p className="muted">Đang dùng thiết lập mặc định của vai trò.</p> : null}
      <FormError error={save.error} fields={['dailyDigest', 'immediateKinds']} />
      <FormError error={reload.error} />
      {save.isSuccess && !changed && (
        <p className="ok" role="status">
          Đã lưu cách nhận thư thông báo.
        </p>
      )}
      <div className="buttons">
        <button type="submit" disabled={save.isPending || !changed}>
          {save.isPending ? 'Đang lưu…' : 'Lưu cách nhận thư'}
        </button>
        <ReloadButton error={save.error} busy={reload.isPending} onReload={() => reload.mutate()} />
        <button type="button" className="secondary" disabled={!changed} onClick={() => setDraft(draftOf(base))}>
          Hoàn tác thay đổi
        </button>
      </div>
    </form>
  );
}

/**
 * The edition's giấy mời (planners): the letterhead, number code, place, signer and Nơi nhận printed on
 * every letter issued from now on (Nghị định 30/2020/NĐ-CP layout). Letters already issued keep their
 * number and date. The API validates; each field's refusal shows under it.
 */
import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data } from '../api/client';
import type { Edition, LetterSettings } from '../api/models';
import { ErrorPanel, Field, FormError, Loading } from '../components/errors';
import { ReloadButton } from '../components/ReloadButton';
import { EditionStatus } from '@shared/editions/src/edition-status';
import { is } from '../codes';

/** The form's draft: the settings' own fields (from the generated schema), with the copy list as text, one recipient a line. */
type LetterDraft = Omit<LetterSettings, 'editionId' | 'lettersIssued' | 'isDefault' | 'version' | 'copyTo'> & { copyTo: string };

const LETTER_FIELDS: (keyof LetterDraft)[] = [
  'issuingBody',
  'issuingUnit',
  'issuerName',
  'numberCode',
  'place',
  'signerAuthority',
  'signerTitle',
  'signerName',
  'copyTo',
];

const letterDraftOf = (settings: LetterSettings): LetterDraft => ({
  issuingBody: settings.issuingBody,
  issuingUnit: settings.issuingUnit,
  issuerName: settings.issuerName,
  numberCode: settings.numberCode,
  place: settings.place,
  signerAuthority: settings.signerAuthority,
  signerTitle: settings.signerTitle,
  signerName: settings.signerName,
  copyTo: settings.copyTo.join('\n'),
});

const readSettings = (editionId: string) => data(client.GET('/api/editions/{editionId}/letter-settings', { params: { path: { editionId } } }));

export function LetterSettingsSection({ edition }: { edition: Edition }) {
  const settings = useQuery({ queryKey: ['letter-settings', edition.id], queryFn: () => readSettings(edition.id) });
  return (
    <section className="panel letter-settings" aria-label="Giấy mời" data-testid="letter-settings">
      <h2>Giấy mời — đợt năm {edition.year}</h2>
      <p className="muted">
        Giấy mời gửi kèm thư mời (bản PDF) theo thể thức văn bản hành chính: tên cơ quan, số “…/GM-…” cấp lần lượt trong đợt, địa danh và ngày ban hành, người
        ký và nơi nhận. Thay đổi áp dụng cho giấy mời gửi từ nay; giấy mời đã cấp số giữ nguyên số và ngày.
      </p>
      {settings.error ? (
        <ErrorPanel error={settings.error} />
      ) : !settings.data ? (
        <Loading what="thiết lập giấy mời" />
      ) : (
        <LetterSettingsForm edition={edition} settings={settings.data} />
      )}
    </section>
  );
}

function LetterSettingsForm({ edition, settings }: { edition: Edition; settings: LetterSettings }) {
  const queryClient = useQueryClient();
  const [base, setBase] = useState(settings);
  const [draft, setDraft] = useState(() => letterDraftOf(settings));
  const restart = (fresh: LetterSettings) => {
    queryClient.setQueryData(['letter-settings', edition.id], fresh);
    setBase(fresh);
    setDraft(letterDraftOf(fresh));
  };
  const save = useMutation({
    mutationFn: (current: LetterDraft) =>
      data(
        client.PUT('/api/editions/{editionId}/letter-settings', {
          params: { path: { editionId: edition.id } },
          body: {
            ...current,
            copyTo: current.copyTo
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean),
            version: base.version ?? undefined,
          },
        }),
      ),
    onSuccess: (saved) => {
      restart(saved);
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
  const reload = useMutation({
    mutationFn: () => readSettings(edition.id),
    onSuccess: (fresh) => {
      restart(fresh);
      save.reset();
    },
  });
  const set = (field: keyof LetterDraft) => (event: { target: { value: string } }) => setDraft({ ...draft, [field]: event.target.value });
  const changed = JSON.stringify(draft) !== JSON.stringify(letterDraftOf(base));
  const closed = is(edition.status, EditionStatus.Closed);
  const error = save.error;
  const next = base.lettersIssued + 1;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(draft);
  }

  return (
    <form className="policy-form" onSubmit={submit} noValidate aria-label="Thiết lập giấy mời">
      {base.isDefault && (
        <p className="notice" data-testid="letter-default">
          Đợt này đang dùng thiết lập mặc định{base.signerName ? '' : ' (chưa có họ tên người ký)'}. Khi lưu, thiết lập dưới đây trở thành thiết lập riêng của
          đợt.
        </p>
      )}
      {closed && <p className="notice">Đợt đã kết thúc: không thay đổi được giấy mời.</p>}
      <p data-testid="letter-next-number">
        Đã cấp {base.lettersIssued} giấy mời; giấy mời tiếp theo mang số <strong>{`${next}/GM-${draft.numberCode.trim() || '…'}`}</strong>.
      </p>
      <div className="fields">
        <Field label="Cơ quan chủ quản" field="issuingBody" error={error} hint="In hoa, ví dụ: BỘ CÔNG AN">
          <input name="issuingBody" value={draft.issuingBody} onChange={set('issuingBody')} />
        </Field>
        <Field label="Cơ quan ban hành" field="issuingUnit" error={error} wide hint="In hoa, đậm, dưới cơ quan chủ quản">
          <input name="issuingUnit" value={draft.issuingUnit} onChange={set('issuingUnit')} />
        </Field>
      </div>
      <div className="fields">
        <Field label="Tên cơ quan trong nội dung" field="issuerName" error={error} wide hint="“… trân trọng kính mời đồng chí …”">
          <input name="issuerName" value={draft.issuerName} onChange={set('issuerName')} />
        </Field>
        <Field label="Ký hiệu" field="numberCode" error={error} hint="Sau “GM-”, ví dụ BCĐ hoặc BCA-V05">
          <input name="numberCode" value={draft.numberCode} onChange={set('numberCode')} size={12} />
        </Field>
        <Field label="Địa danh" field="place" error={error} hint="“Hà Nội, ngày … tháng … năm …”">
          <input name="place" value={draft.place} onChange={set('place')} size={14} />
        </Field>
      </div>
      <div className="fields">
        <Field label="Quyền hạn ký" field="signerAuthority" error={error} hint="TM., KT., Q., TL.…; để trống nếu người đứng đầu ký">
          <input name="signerAuthority" value={draft.signerAuthority} onChange={set('signerAuthority')} />
        </Field>
        <Field label="Chức vụ người ký" field="signerTitle" error={error}>
          <input name="signerTitle" value={draft.signerTitle} onChange={set('signerTitle')} />
        </Field>
        <Field label="Họ và tên người ký" field="signerName" error={error}>
          <input name="signerName" value={draft.signerName} onChange={set('signerName')} />
        </Field>
      </div>
      <Field label="Nơi nhận" field="copyTo" error={error} hint="Mỗi dòng một nơi nhận, sau “Như trên”; ví dụ: Lưu: VT, V05">
        <textarea name="copyTo" rows={3} value={draft.copyTo} onChange={set('copyTo')} />
      </Field>
      <FormError error={error} fields={LETTER_FIELDS} />
      <FormError error={reload.error} />
      {save.isSuccess && !changed && (
        <p className="ok" role="status">
          Đã lưu thiết lập giấy mời.
        </p>
      )}
      <div className="buttons">
        <button type="submit" disabled={save.isPending || !changed || closed}>
          {save.isPending ? 'Đang lưu…' : 'Lưu thiết lập giấy mời'}
        </button>
        <ReloadButton error={error} busy={reload.isPending} onReload={() => reload.mutate()} />
        <button type="button" className="secondary" disabled={!changed} onClick={() => setDraft(letterDraftOf(base))}>
          Hoàn tác thay đổi
        </button>
      </div>
    </form>
  );
}

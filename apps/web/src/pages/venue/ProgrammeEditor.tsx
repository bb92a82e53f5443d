import { FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data } from '../../api/client';
import { ApiError, asRecord, asText } from '../../api/errors';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorPanel, FieldError, FormError, Loading } from '../../components/errors';
import { TimeField } from '../../components/TimeField';
import { oneOf, read, text, time } from '../../input';
import { PROGRAMME_PART_NAMES, PROGRAMME_PARTS, ProgrammePart } from '@shared/programmes/src/programme.enums';
import type { ProgrammeItem, Venue } from '../../api/models';
import { programmeTimeChoices } from './programme-times';

interface Draft {
  part: ProgrammeItem['part'];
  title: string;
  startTime: string;
  endTime: string;
  presenter: string;
}

const FIELDS = ['part', 'title', 'startTime', 'endTime', 'presenter'];
/** Minutes between a programme item's quick time choices. */
const TIME_STEP_MINUTES = 15;
const blank: Draft = { part: ProgrammePart.Festivities, title: '', startTime: '', endTime: '', presenter: '' };
const draftOf = (item: ProgrammeItem): Draft => ({
  part: item.part,
  title: item.title,
  startTime: item.startTime,
  endTime: item.endTime,
  presenter: item.presenter ?? '',
});

/** The item the API named as the clash of an overlap refusal, to highlight it in the table. */
function clashOf(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'PROGRAMME_OVERLAP') return undefined;
  return asText(asRecord(error.detail('conflictsWith'))?.id);
}

/** The venue's programme as an editable table; every refusal (overlap, outside hours) shows on its row. */
export function ProgrammeEditor({ venue, editable }: { venue: Venue; editable: boolean }) {
  const queryClient = useQueryClient();
  const venueId = venue.id;
  const items = useQuery({
    queryKey: ['programme', venueId],
    queryFn: () => data(client.GET('/api/venues/{venueId}/programme', { params: { path: { venueId } } })),
  });
  const [clash, setClash] = useState<string | undefined>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['programme', venue.id] });
  const fromTemplate = useMutation({
    mutationFn: () => data(client.POST('/api/venues/{venueId}/programme/from-template', { params: { path: { venueId } }, body: {} })),
    onSuccess: refresh,
  });

  if (items.error) return <ErrorPanel error={items.error} />;
  if (!items.data) return <Loading what="chương trình" />;
  return (
    <div className="programme" data-testid="programme-editor">
      {venue.startTime && (
        <p className="muted">
          Thời gian tổ chức: {venue.startTime}–{venue.endTime} (giờ Việt Nam). Các mục không được chồng lấn nhau và phải nằm trong khung giờ này.
        </p>
      )}
      <table className="grid cards">
        <thead>
          <tr>
            <th>Bắt đầu</th>
            <th>Kết thúc</th>
            <th>Phần</th>
            <th>Nội dung</th>
            <th>Người phụ trách</th>
            {editable && <th />}
          </tr>
        </thead>
        <tbody>
          {items.data.map((item) => (
            <ProgrammeRow
              key={`${item.id}-${item.version}`}
              venue={venue}
              item={item}
              editable={editable}
              highlighted={clash === item.id}
              onClash={setClash}
              onSaved={refresh}
            />
          ))}
          {editable && <ProgrammeRow venue={venue} editable highlighted={false} onClash={setClash} onSaved={refresh} />}
        </tbody>
      </table>
      {items.data.length === 0 && editable && (
        <div className="buttons">
          <button type="button" className="secondary" onClick={() => fromTemplate.mutate()} disabled={fromTemplate.isPending}>
            Lập theo chương trình mẫu
          </button>
          <FormError error={fromTemplate.error} />
        </div>
      )}
    </div>
  );
}

function ProgrammeRow(props: {
  venue: Venue;
  item?: ProgrammeItem;
  editable: boolean;
  highlighted: boolean;
  onClash: (id: string | undefined) => void;
  onSaved: () => void;
}) {
  const { venue, item, editable } = props;
  const [draft, setDraft] = useState<Draft>(item ? draftOf(item) : blank);
  const save = useMutation({
    mutationFn: () => {
      const body = read({
        part: oneOf(draft.part, PROGRAMME_PARTS),
        title: draft.title.trim(),
        startTime: time(draft.startTime, { required: true }),
        endTime: time(draft.endTime, { required: true }),
        presenter: text(draft.presenter, { empty: null }),
      });
      const venueId = venue.id;
      return item
        ? data(
            client.PATCH('/api/venues/{venueId}/programme/{itemId}', {
              params: { path: { venueId, itemId: item.id } },
              body: { ...body, version: item.version },
            }),
          )
        : data(client.POST('/api/venues/{venueId}/programme', { params: { path: { venueId } }, body }));
    },
    onMutate: () => props.onClash(undefined),
    onSuccess: () => {
      if (!item) setDraft(blank);
      props.onSaved();
    },
    onError: (error) => props.onClash(clashOf(error)),
  });
  const remove = useMutation({
    mutationFn: () =>
      data(
        client.DELETE('/api/venues/{venueId}/programme/{itemId}', {
          params: { path: { venueId: venue.id, itemId: item!.id }, query: { version: item!.version } },
        }),
      ),
    onSuccess: props.onSaved,
  });
  const error = save.error ?? remove.error;
  const set = (field: keyof Draft) => (event: { target: { value: string } }) => setDraft({ ...draft, [field]: event.target.value });
  const setText = (field: keyof Draft) => (value: string) => setDraft({ ...draft, [field]: value });
  const changed = !item || JSON.stringify(draft) !== JSON.stringify(draftOf(item));
  // Quick choices within the venue's hours (the API refuses an item outside them); the whole day before it is scheduled.
  const choices = programmeTimeChoices(
    venue.startTime && venue.endTime ? { startTime: venue.startTime, endTime: venue.endTime } : null,
    TIME_STEP_MINUTES,
    draft.startTime,
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  if (!editable && item) {
    return (
      <tr>
        <td data-label="Bắt đầu">{item.startTime}</td>
        <td data-label="Kết thúc">{item.endTime}</td>
        <td data-label="Phần">{PROGRAMME_PART_NAMES[item.part]}</td>
        <td data-label="Nội dung" className="wide-cell">
          {item.title}
        </td>
        <td data-label="Người phụ trách">{item.presenter ?? ''}</td>
      </tr>
    );
  }
  const label = item ? `Mục ${item.title}` : 'Mục mới';
  return (
    <>
      <tr className={`${props.highlighted ? 'clash' : ''}${item ? '' : ' new-row'}`} data-testid={item ? 'programme-row' : 'programme-new'} aria-label={label}>
        <td data-label="Bắt đầu">
          <TimeField aria-label="Giờ bắt đầu" value={draft.startTime} onChange={setText('startTime')} form={formId(item)} choices={choices.start} />
          <FieldError error={error} field="startTime" />
        </td>
        <td data-label="Kết thúc">
          <TimeField aria-label="Giờ kết thúc" value={draft.endTime} onChange={setText('endTime')} form={formId(item)} choices={choices.end} />
          <FieldError error={error} field="endTime" />
        </td>
        <td data-label="Phần">
          <select aria-label="Phần" value={draft.part} onChange={set('part')} form={formId(item)}>
            {PROGRAMME_PARTS.map((part) => (
              <option key={part} value={part}>
                {PROGRAMME_PART_NAMES[part]}
              </option>
            ))}
          </select>
        </td>
        <td data-label="Nội dung" className="wide-cell">
          <input aria-label="Nội dung" placeholder={item ? '' : 'Nội dung mục mới'} value={draft.title} onChange={set('title')} form={formId(item)} />
          <FieldError error={error} field="title" />
        </td>
        <td data-label="Người phụ trách" className="wide-cell">
          <input aria-label="Người phụ trách" value={draft.presenter} onChange={set('presenter')} form={formId(item)} />
          <FieldError error={error} field="presenter" />
        </td>
        <td className="row-actions">
          <form id={formId(item)} onSubmit={submit} noValidate>
            <button type="submit" disabled={save.isPending || !changed}>
              {item ? 'Lưu' : 'Thêm mục'}
            </button>
          </form>
          {item && (
            <ConfirmButton
              question={`Xóa mục chương trình «${item.title}» (${item.startTime}–${item.endTime})?`}
              onConfirm={() => remove.mutate()}
              disabled={remove.isPending}
            >
              Xóa
            </ConfirmButton>
          )}
        </td>
      </tr>
      {error ? (
        <tr className="row-error">
          <td colSpan={6}>
            <FormError error={error} fields={FIELDS} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

const formId = (item?: ProgrammeItem) => `programme-${item?.id ?? 'new'}`;

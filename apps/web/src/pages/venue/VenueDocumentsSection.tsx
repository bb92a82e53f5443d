import { FormEvent, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DOCUMENT_KIND_NAMES, DocumentKind, MEDIA_TYPE_NAMES } from '@shared/documents/src/documents.enums';
import { client, data, download, saveBlob } from '../../api/client';
import { is } from '../../codes';
import type { DocumentVersion, Venue, VenueDocument, VenueDocuments } from '../../api/models';
import { ErrorPanel, Field, FormError, Loading } from '../../components/errors';
import { formatInstant, formatNumber } from '../../input';

const KINDS = Object.values(DocumentKind);

/** A size as people read it: "1,5 MB", "320 KB". */
function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
  if (bytes >= 1024) return `${formatNumber(bytes / 1024, 0)} KB`;
  return `${bytes} byte`;
}

const typeName = (type: string) => MEDIA_TYPE_NAMES[type] ?? type;

/**
 * The venue's documents (kịch bản, phương án an ninh, dự toán, ảnh) for its province and planners:
 * each with its versions, newest first, any of them downloaded; an upload of the same kind and title
 * adds a version. The API recognises the type from the content and holds the size limit.
 */
export function VenueDocumentsSection({ venue }: { venue: Venue }) {
  const documents = useQuery({
    queryKey: ['venue-documents', venue.id],
    queryFn: () => data(client.GET('/api/venues/{venueId}/documents', { params: { path: { venueId: venue.id } } })),
    retry: false,
  });
  if (documents.error) return <ErrorPanel error={documents.error} />;
  if (!documents.data) return <Loading what="tài liệu" />;
  const d = documents.data;
  return (
    <div className="venue-documents" data-testid="venue-documents">
      {d.documents.length === 0 ? (
        <p className="muted">Chưa có tài liệu nào.</p>
      ) : (
        <ul className="document-list">
          {d.documents.map((document) => (
            <DocumentItem key={document.id} venueId={venue.id} document={document} />
          ))}
        </ul>
      )}
      {d.canUpload && <UploadForm venueId={venue.id} documents={d} />}
    </div>
  );
}

function DocumentItem({ venueId, document }: { venueId: string; document: VenueDocument }) {
  const [showAll, setShowAll] = useState(false);
  const [latest, ...older] = document.versions;
  return (
    <li className="document-item">
      <div className="document-head">
        <span className="badge">{document.kindName}</span> <strong>{document.title}</strong> <span className="muted">({document.latestVersion} phiên bản)</span>
      </div>
      {latest && <VersionLine venueId={venueId} documentId={document.id} version={latest} />}
      {older.length > 0 && (
        <>
          <button type="button" className="secondary" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
            {showAll ? 'Ẩn các phiên bản trước' : `Xem ${older.length} phiên bản trước`}
          </button>
          {showAll && (
            <ul className="document-versions">
              {older.map((version) => (
                <li key={version.number}>
                  <VersionLine venueId={venueId} documentId={document.id} version={version} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </li>
  );
}

function VersionLine({ venueId, documentId, version }: { venueId: string; documentId: string; version: DocumentVersion }) {
  const get = useMutation({
    mutationFn: async () => {
      const { blob, filename } = await download(
        client.GET('/api/venues/{venueId}/documents/{documentId}/versions/{number}', {
          params: { path: { venueId, documentId, number: version.number } },
          parseAs: 'stream',
        }),
        () => undefined,
      );
      saveBlob(blob, filename);
    },
  });
  return (
    <div className="document-version">
      <button
        type="button"
        className="secondary"
        onClick={() => get.mutate()}
        disabled={get.isPending}
        aria-label={`Tải về phiên bản ${version.number}: ${version.fileName}`}
      >
        Tải về
      </button>{' '}
      <span className="document-file">
        Phiên bản {version.number}: {version.fileName}
      </span>{' '}
      <span className="muted">
        {typeName(version.mediaType)}, {sizeText(version.sizeBytes)} — {formatInstant(version.uploadedAt)}
        {version.uploadedByName ? `, ${version.uploadedByName}` : ''}
      </span>
      <FormError error={get.error} />
    </div>
  );
}

function UploadForm({ venueId, documents }: { venueId: string; documents: VenueDocuments }) {
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<DocumentKind>(DocumentKind.Script);
  const [title, setTitle] = useState('');
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: () => {
      const file = fileInput.current?.files?.[0];
      const form = new FormData();
      form.append('kind', kind);
      form.append('title', title);
      if (file) form.append('file', file, file.name);
      return data(
        client.POST('/api/venues/{venueId}/documents', {
          params: { path: { venueId } },
          body: { kind, title, file: '' },
          bodySerializer: () => form,
        }),
      );
    },
    onSuccess: () => {
      setTitle('');
      if (fileInput.current) fileInput.current.value = '';
      void queryClient.invalidateQueries({ queryKey: ['venue-documents', venueId] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    upload.mutate();
  };
  const checkSize = () => {
    const file = fileInput.current?.files?.[0];
    setTooLarge(file && file.size > documents.maxBytes ? `Tệp lớn hơn ${sizeText(documents.maxBytes)}, sẽ không được nhận.` : null);
  };
  const existing = documents.documents.filter((document) => is(document.kind, kind)).map((document) => document.title);
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label="Tải lên tài liệu">
      <div className="fields">
        <Field label="Loại tài liệu" field="kind" error={upload.error}>
          <select name="kind" value={kind} onChange={(event) => setKind(event.target.value as DocumentKind)}>
            {KINDS.map((value) => (
              <option key={value} value={value}>
                {DOCUMENT_KIND_NAMES[value]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Tên tài liệu" field="title" error={upload.error} wide hint="Cùng loại và tên với tài liệu đã có: thêm phiên bản mới.">
          <input name="title" list={`document-titles-${venueId}`} value={title} onChange={(event) => setTitle(event.target.value)} />
        </Field>
        <datalist id={`document-titles-${venueId}`}>
          {existing.map((existingTitle) => (
            <option key={existingTitle} value={existingTitle} />
          ))}
        </datalist>
        <Field
          label="Tệp"
          field="file"
          error={upload.error}
          wide
          hint={`${documents.allowedTypes.map(typeName).join(', ')}; tối đa ${sizeText(documents.maxBytes)}.`}
        >
          <input name="file" type="file" ref={fileInput} onChange={checkSize} />
        </Field>
      </div>
      {tooLarge && (
        <p className="field-error" role="alert">
          {tooLarge}
        </p>
      )}
      <button type="submit" disabled={upload.isPending}>
        {upload.isPending ? 'Đang tải lên…' : 'Tải lên'}
      </button>
      <FormError error={upload.error} fields={['kind', 'title', 'file']} />
    </form>
  );
}

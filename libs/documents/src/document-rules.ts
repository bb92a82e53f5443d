/**
 * Pure rules of venue documents: which content is accepted, how titles are matched for versions and how
 * an uploaded file's name is kept. No Nest, no Node imports: unit-tested in document-rules.spec.ts.
 */
import { MEDIA_TYPE_NAMES } from './documents.enums';

export interface UploadRefusal {
  code: 'DOCUMENT_TYPE_UNKNOWN' | 'DOCUMENT_TYPE_REFUSED';
  message: string;
  details: { detectedType: string | null; allowedTypes: string[] };
}

/** How a list of media types reads for people: "PDF, JPEG, PNG". */
export function mediaTypesText(types: readonly string[]): string {
  return types.map((type) => MEDIA_TYPE_NAMES[type] ?? type).join(', ');
}

/** A size in bytes as people say it (vi-VN): "20 MB", "512 KB", "1,5 MB". */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${formatNumber(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${formatNumber(bytes / 1024)} KB`;
  return `${bytes} byte`;
}

function formatNumber(value: number): string {
  return (Math.round(value * 10) / 10).toString().replace('.', ',');
}

/**
 * Whether content recognised as `detected` (undefined: nothing recognisable, e.g. plain text or
 * random bytes) may be stored. The decision never looks at the file's name or the client's claim.
 */
export function uploadRefusal(detected: string | undefined, allowed: readonly string[]): UploadRefusal | null {
  const details = { detectedType: detected ?? null, allowedTypes: [...allowed] };
  if (!detected) {
    return {
      code: 'DOCUMENT_TYPE_UNKNOWN',
      message: `Không nhận dạng được loại tệp từ nội dung. Chỉ nhận tệp ${mediaTypesText(allowed)}.`,
      details,
    };
  }
  if (!allowed.includes(detected)) {
    return {
      code: 'DOCUMENT_TYPE_REFUSED',
      message: `Nội dung tệp là ${MEDIA_TYPE_NAMES[detected] ?? detected}, loại không được phép tải lên. Chỉ nhận tệp ${mediaTypesText(allowed)}.`,
      details,
    };
  }
  return null;
}

/** The refusal of an upload over the limit (413). */
export function tooLargeMessage(limit: number): string {
  return `Tệp vượt quá dung lượng cho phép (tối đa ${sizeText(limit)}). Không có gì được lưu.`;
}

/** A title as written, tidied: spaces collapsed, Unicode composed (NFC). */
export function tidyTitle(title: string): string {
  return title.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** What makes two titles the same document (a new version): case and spacing do not count. */
export function titleKey(title: string): string {
  return tidyTitle(title).toLocaleLowerCase('vi');
}

/**
 * The name a file is kept and given back under: its last path part (browsers of some systems send
 * the whole path), composed, without control characters, at most 200 characters; "tai-lieu" if empty.
 */
export function keptFileName(name: string | undefined): string {
  const last = (name ?? '').split(/[\\/]/).pop() ?? '';
  // Control characters (C0 and DEL) are dropped: they have no place in a name shown and sent back.
  const clean = [...last.normalize('NFC')]
    .filter((char) => char.charCodeAt(0) > 0x1f && char.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  if (!clean || clean === '.' || clean === '..') return 'tai-lieu';
  if (clean.length <= 200) return clean;
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return clean.slice(0, 200 - extension.length) + extension;
}

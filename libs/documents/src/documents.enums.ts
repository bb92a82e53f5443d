/**
 * The kinds of a venue's documents and their Vietnamese names: a pure file (no decorators, no Node
 * imports), so the web console reads the same definitions as the API.
 */
export enum DocumentKind {
  Script = 'script',
  SecurityPlan = 'security_plan',
  Estimate = 'estimate',
  Photo = 'photo',
  Other = 'other',
}

export const DOCUMENT_KIND_NAMES: Record<DocumentKind, string> = {
  [DocumentKind.Script]: 'Kịch bản',
  [DocumentKind.SecurityPlan]: 'Phương án an ninh',
  [DocumentKind.Estimate]: 'Dự toán',
  [DocumentKind.Photo]: 'Ảnh',
  [DocumentKind.Other]: 'Tài liệu khác',
};

/** How people call the media types a document may be (for messages naming what is accepted). */
export const MEDIA_TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/heic': 'HEIC',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (.docx)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (.xlsx)',
};

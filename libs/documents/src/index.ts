// Documents: the module (venues' documents, their versions and storage) and the pure kinds.
export { DocumentsModule } from './documents.module';
export { DOCUMENT_KIND_NAMES, DocumentKind } from './documents.enums';

// Editions: the module and service, the Edition entity, its window rules and queries (the demo seed's insert among them), and the edition facts letters read.
export { EDITION_LETTER_FACTS } from './edition-letter-facts';
export type { EditionLetterFacts } from './edition-letter-facts';
export { editionIdOfYear, findEdition, insertEdition, lockEdition } from './edition-queries';
export { defaultWindow, isWithinWindow } from './edition-rules';
export { EditionWindowChecks } from './edition-window-checks';
export { Edition } from './edition.entity';
export { EditionsModule } from './editions.module';
export { EditionsService } from './editions.service';

// Programmes: the module, the default template and its layout, programme items, part names and venue programme lines.
export { DEFAULT_PROGRAMME_TEMPLATE } from './default-programme-template';
export { assertItemFits, layoutTemplate } from './programme-rules';
export { ProgrammeItem } from './programme.entities';
export { PROGRAMME_PART_NAMES } from './programme.enums';
export { ProgrammesModule } from './programmes.module';
export { VENUE_PROGRAMME_LINES } from './venue-programme';
export type { ProgrammeLine } from './venue-programme';

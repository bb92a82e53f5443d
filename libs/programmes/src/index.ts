// Programmes: the module, the default template and the bulk insert of laid-out programmes, part names and venue programme lines.
export { DEFAULT_PROGRAMME_TEMPLATE } from './default-programme-template';
export { insertTemplateProgrammes } from './programme-inserts';
export { layoutTemplate } from './programme-rules';
export { ProgrammeEvents, ProgrammeEventsModule } from './programme-events';
export type { ProgrammeChange } from './programme-events';
export { PROGRAMME_PART_NAMES } from './programme.enums';
export type { ProgrammeItem } from './programme.entities';
export { ProgrammesModule } from './programmes.module';
export { VENUE_PROGRAMME_LINES } from './venue-programme';
export type { ProgrammeLine } from './venue-programme';
export { ProgrammesService } from './programmes.service';

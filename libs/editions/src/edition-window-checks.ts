import { Injectable } from '@nestjs/common';
import { TransactionalChecks } from '@app/common';
import type { Edition } from './edition.entity';

/**
 * What must still hold once an edition's window changes, checked by the libraries that place things
 * inside it (venues: no scheduled venue left outside), in the transaction that holds the edition's lock.
 * The editions library sits below them and knows none: they add their checks at start-up. The edition
 * passed carries the new window.
 */
@Injectable()
export class EditionWindowChecks extends TransactionalChecks<Edition> {}

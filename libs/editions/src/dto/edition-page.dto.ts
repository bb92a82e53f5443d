import { pageOf } from '@app/common';
import { Edition } from '../edition.entity';

export class EditionPage extends pageOf(Edition) {}

import { pageOf } from '@app/common/pagination';
import { Edition } from '../edition.entity';

export class EditionPage extends pageOf(Edition) {}

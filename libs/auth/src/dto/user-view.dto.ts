import { OmitType } from '@nestjs/swagger';
import { pageOf } from '@app/common';
import { User } from '../user.entity';

/** An account as the API shows it: never its password hash. */
export class UserView extends OmitType(User, ['passwordHash', 'province', 'tokenVersion'] as const) {}

export class UserViewPage extends pageOf(UserView) {}

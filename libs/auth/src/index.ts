export * from './accounts';
export * from './actor';
export * from './auth.module';
export * from './decorators';
export * from './password';
export * from './role.enums';
export * from './user.entity';
export * from './users.service';

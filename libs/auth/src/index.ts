// Auth: the module, the actor and its permission checks, route decorators, roles, passwords, the account reads and writes, and live-stream tickets.
export { accountExists, accountIdByEmail, accountNames, accountsByIds, activeAccountsWithRole, insertAccount } from './accounts';
export { SYSTEM_ACTOR, assertCanWriteProvince, assertPlanner, canSeeLeaderContacts, canSeeVenueLeaders, canWriteProvince, isPlanner } from './actor';
export type { Actor } from './actor';
export { AuthModule } from './auth.module';
export { CurrentActor, OptionalActor, PlannersOnly, Public, Roles, Writers } from './decorators';
export { MIN_PASSWORD_LENGTH, hashPassword } from './password';
export { Role } from './role.enums';
export { SessionChecks } from './session-checks';
export { SESSION_COOKIE, signAccessToken } from './session-tokens';
export { SessionRevocations } from './session-revocations';
export { StreamTickets } from './stream-tickets';
export type { StreamSession } from './stream-tickets';

import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor } from './actor';
import { Role } from './role.enums';

export const PUBLIC_ROUTE = 'ngayhoi:public';
export const ALLOWED_ROLES = 'ngayhoi:roles';
export const DURING_PASSWORD_CHANGE = 'ngayhoi:during-password-change';

/** The route needs no login (login itself, health, RSVP links). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** An account that must change its password may still call the route (me, change password, logout). */
export const DuringPasswordChange = () => SetMetadata(DURING_PASSWORD_CHANGE, true);

/** Only these roles may call the route; others get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** Roles allowed to change data at all; viewers are excluded. */
export const Writers = () => Roles(Role.CentralPlanner, Role.ProvincialOrganizer);
export const PlannersOnly = () => Roles(Role.CentralPlanner);

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<{ actor: Actor }>().actor;
});

/** On a @Public() route: the actor when a valid bearer token came with the request, else undefined. */
export const OptionalActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor | undefined => {
  return context.switchToHttp().getRequest<{ actor?: Actor }>().actor;
});

import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import { isIsoDate, LOCAL_TIME_PATTERN } from './time';

/** A real calendar date written `YYYY-MM-DD` (2027-02-30 is refused). */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: { validate: (value: unknown) => typeof value === 'string' && isIsoDate(value) },
    });
}

/** A wall-clock time written `HH:mm`. */
export function IsLocalTime(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLocalTime',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: { validate: (value: unknown) => typeof value === 'string' && LOCAL_TIME_PATTERN.test(value) },
    });
}

/**
 * A field an update may leave out (it then stays as it is) but may not set to null: unlike
 * `@IsOptional()`, null goes on to the other validators and is refused by them.
 */
export function OptionalNotNull(): PropertyDecorator {
  return ValidateIf((_: object, value: unknown) => value !== undefined);
}

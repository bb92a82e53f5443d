/**
 * Shared column conventions: instants are `timestamptz`, calendar dates are `date` read back as
 * `YYYY-MM-DD` strings (pg returns them untouched once its parser is told so, see database lib).
 */
import { CreateDateColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export const CreatedAt = () => CreateDateColumn({ type: 'timestamptz', name: 'created_at' });
export const UpdatedAt = () => UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' });
/** Optimistic locking: clients send the version they edited; a stale one gets 409. */
export const Version = () => VersionColumn({ default: 1 });

/** numeric/double columns come back from pg as strings unless transformed. */
export const numberTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

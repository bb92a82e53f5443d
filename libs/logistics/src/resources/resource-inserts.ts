/**
 * Bulk writes and reads of resources and bookings for the demo seed, whose rows have stable ids and
 * are reseeded idempotently; planners write them one by one through ResourcesService, which checks
 * and audits each.
 */
import { type EntityManager, In } from 'typeorm';
import { insertMissing } from '@app/common';
import { ResourceBooking, SharedResource } from './resource.entities';

/** Inserts the resources whose id is not there yet; returns the ids inserted. */
export function insertResources(
  manager: EntityManager,
  resources: readonly Pick<SharedResource, 'id' | 'editionId' | 'name' | 'kind' | 'ownerUnit' | 'travelSpeedKmh' | 'bufferMinutes'>[],
): Promise<Set<string>> {
  return insertMissing(manager, SharedResource, resources);
}

export type BookingSpanRow = Pick<ResourceBooking, 'id' | 'resourceId' | 'venueId' | 'startsAt' | 'endsAt'>;

/** The bookings of these resources, their spans only. */
export function bookingSpansOfResources(manager: EntityManager, resourceIds: readonly string[]): Promise<BookingSpanRow[]> {
  if (!resourceIds.length) return Promise.resolve([]);
  return manager.find(ResourceBooking, {
    select: { id: true, resourceId: true, venueId: true, startsAt: true, endsAt: true },
    where: { resourceId: In([...resourceIds]) },
    order: { startsAt: 'ASC' },
  });
}

/** Inserts the bookings whose id is not there yet, as given (the caller has checked them); returns the ids inserted. */
export function insertBookings(
  manager: EntityManager,
  bookings: readonly Pick<ResourceBooking, 'id' | 'resourceId' | 'venueId' | 'editionId' | 'startsAt' | 'endsAt' | 'createdBy' | 'note' | 'travelWarning'>[],
): Promise<Set<string>> {
  return insertMissing(manager, ResourceBooking, bookings);
}

import type { DataSource } from 'typeorm';
import type { Edition } from '@app/editions/edition.entity';
import { JobProducer } from '@app/queue';
import { FireReminderJob } from '@app/reminders';
import type { Venue } from '@app/venues/venue.entity';

/**
 * `count` sent invitations of the venue, each with one 2-hour delegate reminder due at `dueAt` (in
 * `status`, `pending` unless told), their fire jobs enqueued through `producer`. Returns the reminders.
 */
export async function remindersDue(
  dataSource: DataSource,
  producer: JobProducer,
  venue: Pick<Venue, 'id'>,
  edition: Pick<Edition, 'id'>,
  count: number,
  dueAt: Date,
  status: 'pending' | 'sending' = 'pending',
): Promise<{ id: string; invitationId: string }[]> {
  const tag = Math.random().toString(36).slice(2, 8);
  const invitations: { id: string }[] = await dataSource.query(
    `INSERT INTO invitations (edition_id, venue_id, delegate_name, delegate_email, role, status, uid, sequence, rsvp_token_hash, rsvp_expires_at)
     SELECT $1, $2, 'Đại biểu ' || n, 'nhac-' || $4 || '-' || n || '@vanphong.example.vn', 'accompanying', 'sent',
            gen_random_uuid() || '@ngayhoi.vn', 0, md5(random()::text) || md5(random()::text), now() + interval '30 days'
       FROM generate_series(1, $3) AS n RETURNING id`,
    [edition.id, venue.id, count, tag],
  );
  const reminders: { id: string; revision: number; subject_id: string; due_at: Date }[] = await dataSource.query(
    `INSERT INTO reminders (kind, subject_id, edition_id, recipient_email, recipient_name, offset_minutes, due_at, status, lease_until)
     SELECT 'delegate_event', i.id, i.edition_id, i.delegate_email, i.delegate_name, 120, $2,
            $3::reminder_status, CASE WHEN $3 = 'sending' THEN now() + interval '1 hour' END
       FROM invitations i WHERE i.id = ANY($1::uuid[]) RETURNING id, revision, subject_id, due_at`,
    [invitations.map((invitation) => invitation.id), dueAt, status],
  );
  await producer.enqueueMany(
    FireReminderJob,
    reminders.map((reminder) => ({ reminderId: reminder.id, revision: reminder.revision, dueAt: reminder.due_at.getTime() })),
  );
  return reminders.map((reminder) => ({ id: reminder.id, invitationId: reminder.subject_id }));
}

import { Injectable } from '@nestjs/common';
import { Reminder, ReminderKind } from './reminder.entities';

/** Sends one reminder e-mail; returns the SMTP message id. Features register one per kind they own. */
export type ReminderSender = (reminder: Reminder) => Promise<{ messageId: string }>;

/**
 * The reminder engine knows when; the features know what to say. Invitations register the delegate
 * sender here (their e-mail path), so this library depends on none of them.
 */
@Injectable()
export class ReminderSenders {
  private readonly senders = new Map<ReminderKind, ReminderSender>();

  register(kind: ReminderKind, sender: ReminderSender): void {
    this.senders.set(kind, sender);
  }

  /** Kinds nobody registered a sender for: the worker refuses to start rather than fail them at send time. */
  missing(): ReminderKind[] {
    return Object.values(ReminderKind).filter((kind) => !this.senders.has(kind));
  }

  get(kind: ReminderKind): ReminderSender {
    const sender = this.senders.get(kind);
    if (!sender) throw new Error(`No reminder sender for ${kind}`);
    return sender;
  }
}

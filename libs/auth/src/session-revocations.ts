import { Injectable, Logger } from '@nestjs/common';
import type { AfterCommit } from '@app/common';

export type RevocationListener = (userIds: string[]) => void | Promise<void>;

/**
 * Tells whoever holds an account's long-lived connections (the notifications' live streams) that its
 * sessions were revoked — a deactivation, a forced password change, a logout, a new password — once the
 * change has committed. Auth does not know who listens: they register at start-up (notifications sits
 * above auth). A listener that fails costs nothing but the prompt close: the holders also re-check
 * their sessions on their own (a stream's heartbeat).
 */
@Injectable()
export class SessionRevocations {
  private readonly logger = new Logger('SessionRevocations');
  private readonly listeners = new Set<RevocationListener>();

  onRevoked(listener: RevocationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The account's sessions end when the caller's transaction commits. */
  revokedAfterCommit(afterCommit: AfterCommit, userId: string): void {
    afterCommit.add(() => this.tell([userId]));
  }

  private async tell(userIds: string[]): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(userIds);
      } catch (error) {
        this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'a session revocation listener failed');
      }
    }
  }
}

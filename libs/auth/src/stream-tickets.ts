import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import type { Actor } from './actor';
import { User } from './user.entity';

/** The claims of a stream ticket: no `sub`, so a ticket never passes as an access token (session-tokens.ts). */
interface StreamTicketClaims {
  typ: 'stream';
  uid: string;
  tv: number;
}

/** Whose stream a ticket opens, and the session (token version) it was issued in. */
export interface StreamSession {
  userId: string;
  tokenVersion: number;
}

/**
 * Short-lived tickets to open a live stream (the notifications' Server-Sent Events). A browser's
 * EventSource cannot send an Authorization header, and the console keeps its token out of cookies; so
 * the console asks for a ticket with its bearer token and puts it in the stream's URL. A ticket lives
 * NOTIFICATION_STREAM_TICKET_SECONDS, opens streams only (never another route), is signed like access
 * tokens and honoured only while the account is active and its sessions unrevoked (the token version).
 */
@Injectable()
export class StreamTickets {
  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async issue(actor: Actor): Promise<{ ticket: string; expiresAt: Date }> {
    const user = await this.dataSource.manager.findOneByOrFail(User, { id: actor.id });
    const claims: StreamTicketClaims = { typ: 'stream', uid: user.id, tv: user.tokenVersion };
    const seconds = this.config.NOTIFICATION_STREAM_TICKET_SECONDS;
    const ticket = await this.jwt.signAsync(claims, { expiresIn: seconds });
    return { ticket, expiresAt: new Date(Date.now() + seconds * 1000) };
  }

  /** The session a ticket stands for, or null (bad signature, expired, not a ticket, revoked, deactivated). */
  async sessionOf(ticket: string): Promise<StreamSession | null> {
    let claims: Partial<StreamTicketClaims>;
    try {
      claims = await this.jwt.verifyAsync<StreamTicketClaims>(ticket);
    } catch {
      return null;
    }
    if (claims.typ !== 'stream' || typeof claims.uid !== 'string' || typeof claims.tv !== 'number') return null;
    const user = await this.dataSource.manager.findOneBy(User, { id: claims.uid, active: true });
    return user && user.tokenVersion === claims.tv && !user.mustChangePassword ? { userId: user.id, tokenVersion: user.tokenVersion } : null;
  }

  /**
   * Which of these sessions still stand (the account active, its sessions not revoked since, no password
   * change demanded): one query for them all, so a stream host can re-check every open stream at once.
   */
  async stillValid(sessions: readonly StreamSession[]): Promise<boolean[]> {
    if (sessions.length === 0) return [];
    const ids = [...new Set(sessions.map((session) => session.userId))];
    const users = await this.dataSource.manager
      .createQueryBuilder(User, 'user')
      .select(['user.id', 'user.tokenVersion'])
      .where('user.id IN (:...ids) AND user.active AND NOT user.mustChangePassword', { ids })
      .getMany();
    const version = new Map(users.map((user) => [user.id, user.tokenVersion]));
    return sessions.map((session) => version.get(session.userId) === session.tokenVersion);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { GetPresenceResponse, MatrixError, PresenceState } from '@switchboard/protocol';
import { NOTIFIER, Notifier } from '@switchboard/queue';
import { EduExchange, PresenceEdu } from '@switchboard/rooms';
import { AccountsRepository, PresenceRepository, Transactions } from '@switchboard/storage';
import { Requester } from '../auth/requester';
import { requireSelf } from '../auth/user-access';
import { presenceContent } from './presence-content';

/** The stream key of presence in sync tokens and on the notifier. */
export const PRESENCE_STREAM = 'presence';

/** Presence (modules/presence.md): set by the user or by their /sync, seen by who shares a room. */
@Injectable()
export class PresenceService {
  constructor(
    private readonly transactions: Transactions,
    private readonly presence: PresenceRepository,
    private readonly accounts: AccountsRepository,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    private readonly edus: EduExchange,
  ) {}

  /** 404 for an unknown user, 403 for one who shares no room with the requester. */
  async get(requester: Requester, userId: string): Promise<GetPresenceResponse> {
    const q = this.transactions.reader;
    if (!(await this.accounts.find(q, userId))) throw new MatrixError('M_NOT_FOUND', 404, 'Unknown user');
    if (!(await this.presence.visibleTo(q, requester.userId, userId))) {
      throw new MatrixError('M_FORBIDDEN', 403, 'You are not allowed to see their presence');
    }
    const { presence, ...rest } = presenceContent(await this.presence.get(q, userId));
    return { presence: presence as PresenceState, ...rest };
  }

  /** "When setting the status, the activity time is updated to reflect that activity." */
  async set(
    requester: Requester,
    userId: string,
    presence: PresenceState,
    statusMsg: string | null,
  ): Promise<void> {
    requireSelf(requester, userId, 'set presence');
    await this.write(userId, presence, statusMsg, Date.now());
  }

  /**
   * /sync's `set_presence` (absent means online): "offline" leaves the presence alone. A sync of a
   * user already in that state only moves the last active time, so that watchers are not woken
   * by every long-poll.
   */
  async syncing(userId: string, setPresence: PresenceState = 'online'): Promise<void> {
    if (setPresence === 'offline') return;
    const now = Date.now();
    const current = await this.presence.get(this.transactions.reader, userId);
    if (current?.presence === setPresence) {
      await this.presence.touch(this.transactions.reader, userId, now);
      return;
    }
    await this.write(userId, setPresence, current?.statusMsg ?? null, now);
  }

  /**
   * Sends the user's presence again unchanged: a profile change goes out as "an m.presence presence
   * status update [...] containing the new values of the displayname and avatar_url keys".
   */
  async republish(userId: string): Promise<void> {
    const current = await this.presence.get(this.transactions.reader, userId);
    await this.write(
      userId,
      current?.presence ?? 'offline',
      current?.statusMsg ?? null,
      current?.lastActiveTs ?? Date.now(),
    );
  }

  private async write(
    userId: string,
    presence: string,
    statusMsg: string | null,
    lastActiveTs: number,
  ): Promise<void> {
    await this.store(userId, presence, statusMsg, lastActiveTs);
    await this.edus.local.presence({
      userId,
      presence,
      statusMsg,
      lastActiveAgo: Math.max(0, Date.now() - lastActiveTs),
      currentlyActive: presence === 'online',
    });
  }

  /** Presence of a user of another server, as its server told us (federation checked who may). */
  async remotePresence(update: PresenceEdu): Promise<void> {
    const lastActiveTs = Date.now() - (update.lastActiveAgo ?? 0);
    await this.store(update.userId, update.presence, update.statusMsg ?? null, lastActiveTs);
  }

  private async store(
    userId: string,
    presence: string,
    statusMsg: string | null,
    lastActiveTs: number,
  ): Promise<void> {
    const position = await this.transactions.run((tx) =>
      this.presence.set(tx, { userId, presence, statusMsg, lastActiveTs }),
    );
    await this.notifier.publish(PRESENCE_STREAM, position);
  }
}

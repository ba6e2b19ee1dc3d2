import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { stateEvent, tryServerNameOf } from '@switchboard/protocol';
import { RoomStateQuery, SendPerform } from '@switchboard/rooms';
import { AccountsRepository, Transactions } from '@switchboard/storage';
import { guestsMayJoin } from '../membership/membership.service';

/**
 * modules/guest_access: "If the m.room.guest_access event is changed to stop this from being the
 * case, the server MUST set those users' m.room.member state to leave." Each of this server's
 * joined guests leaves, as its own event (a guest may always leave).
 */
@Injectable()
export class GuestRevocationService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly rooms: RoomStateQuery,
    private readonly send: SendPerform,
    private readonly transactions: Transactions,
    private readonly accounts: AccountsRepository,
  ) {}

  async afterGuestAccessChange(roomId: string): Promise<void> {
    const state = await this.rooms.current(roomId);
    if (guestsMayJoin(state)) return;
    for (const event of state.values()) {
      const { type, state_key: userId, content } = event.pdu;
      if (type !== 'm.room.member' || userId === undefined || content.membership !== 'join') continue;
      if (tryServerNameOf(userId) !== this.config.server_name) continue;
      if (!(await this.accounts.find(this.transactions.reader, userId))?.isGuest) continue;
      await this.send.send(roomId, userId, stateEvent('m.room.member', userId, { membership: 'leave' }));
    }
  }
}

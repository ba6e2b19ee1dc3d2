import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import {
  canonicalJson,
  JsonObject,
  MatrixError,
  parseRoomId,
  stateEvent,
  tryParseRoomAlias,
} from '@switchboard/protocol';
import { RoomStateQuery, SendPerform } from '@switchboard/rooms';
import { RoomAliasesRepository, Transactions } from '@switchboard/storage';
import { Requester } from '../auth/requester';
import { GuestRevocationService } from '../guest_access/guest-revocation.service';
import { refuseSelfTombstone } from '../room_upgrades/self-tombstone';

/** client-server-api "PUT /rooms/{roomId}/state/{eventType}/{stateKey}". */
@Injectable()
export class RoomStateService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly perform: SendPerform,
    private readonly rooms: RoomStateQuery,
    private readonly transactions: Transactions,
    private readonly aliases: RoomAliasesRepository,
    private readonly guests: GuestRevocationService,
  ) {}

  /**
   * Sends a state event. Setting the same content the same sender already set sends nothing and
   * returns that event: state PUTs have no transaction ID, so this is what makes a retry harmless.
   * `originServerTs`: an application service's massaged timestamp.
   */
  async set(
    requester: Requester,
    roomId: string,
    eventType: string,
    stateKey: string,
    content: JsonObject,
    originServerTs?: number,
  ): Promise<string> {
    parseRoomId(roomId);
    await this.rooms.version(roomId);
    refuseSelfTombstone(eventType, roomId, content);
    const current = await this.rooms.currentEvent(roomId, eventType, stateKey);
    if (eventType === 'm.room.canonical_alias' && stateKey === '') {
      await this.checkNewAliases(roomId, content, current?.pdu.content);
    }
    if (
      current &&
      current.pdu.sender === requester.userId &&
      canonicalJson(current.pdu.content) === canonicalJson(content)
    ) {
      return current.eventId;
    }
    const template = { ...stateEvent(eventType, stateKey, content), originServerTs };
    const sent = await this.perform.send(roomId, requester.userId, template);
    if (eventType === 'm.room.guest_access' && stateKey === '') {
      await this.guests.afterGuestAccessChange(roomId);
    }
    return sent.eventId;
  }

  /**
   * "Servers SHOULD ensure that any new aliases being listed in the event are valid per their
   * grammar/syntax and that they point to the room ID where the state event is to be sent. Servers
   * do not validate aliases which are being removed or are already present in the state event."
   * Aliases of other servers are checked for syntax only: resolving them needs federation.
   */
  private async checkNewAliases(
    roomId: string,
    content: JsonObject,
    previous: JsonObject | undefined,
  ): Promise<void> {
    const listed = aliasesOf(content, true);
    const known = new Set(previous ? aliasesOf(previous, false) : []);
    for (const alias of listed.filter((a) => !known.has(a))) {
      const parsed = tryParseRoomAlias(alias);
      if (typeof parsed === 'string')
        throw new MatrixError('M_INVALID_PARAM', 400, `Invalid alias ${alias}: ${parsed}`);
      if (parsed.serverName !== this.config.server_name) continue;
      const row = await this.aliases.get(this.transactions.reader, alias);
      if (row?.roomId !== roomId) {
        throw new MatrixError('M_BAD_ALIAS', 400, `The alias '${alias}' does not point to this room.`);
      }
    }
  }
}

/** alias and alt_aliases of m.room.canonical_alias content; `strict` refuses values of the wrong type. */
function aliasesOf(content: JsonObject, strict: boolean): string[] {
  const out: string[] = [];
  const { alias, alt_aliases: alt } = content;
  if (typeof alias === 'string') out.push(alias);
  else if (strict && alias !== undefined && alias !== null)
    throw new MatrixError('M_INVALID_PARAM', 400, 'alias must be a string');
  if (Array.isArray(alt)) {
    for (const a of alt) {
      if (typeof a === 'string') out.push(a);
      else if (strict) throw new MatrixError('M_INVALID_PARAM', 400, 'alt_aliases must hold strings');
    }
  } else if (strict && alt !== undefined) {
    throw new MatrixError('M_INVALID_PARAM', 400, 'alt_aliases must be an array');
  }
  return out;
}

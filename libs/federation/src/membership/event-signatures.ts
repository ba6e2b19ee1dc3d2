import { Injectable } from '@nestjs/common';
import {
  checkEventSignedBy,
  checkHashesAndSignatures,
  EventCheck,
  Pdu,
  requiredSignatureServers,
  RoomVersion,
  VerifyKey,
} from '@switchboard/protocol';
import { RemoteKeysService } from '../keys/remote-keys.service';

/**
 * server-server-api "Validating hashes and signatures on received events" for the events of the
 * membership handshakes, which do not go through the room server's input pipeline: the keys the
 * event's signatures name are fetched first, then the protocol checks them.
 */
@Injectable()
export class EventSignatures {
  constructor(private readonly keys: RemoteKeysService) {}

  /** The signatures of every server that must sign, then the content hash. */
  async check(pdu: Pdu, version: RoomVersion): Promise<EventCheck> {
    const lookup = await this.lookup(pdu, requiredSignatureServers(pdu, version));
    return checkHashesAndSignatures(pdu, version, lookup);
  }

  /** Whether `serverName` signed the event: the invitee's server on an invite it returns. */
  async signedBy(pdu: Pdu, version: RoomVersion, serverName: string): Promise<boolean> {
    const lookup = await this.lookup(pdu, [serverName]);
    return checkEventSignedBy(pdu, version, serverName, lookup).ok;
  }

  private async lookup(
    pdu: Pdu,
    servers: readonly string[],
  ): Promise<(s: string, k: string) => VerifyKey | undefined> {
    const known = new Map<string, VerifyKey>();
    const signatures = typeof pdu.signatures === 'object' && pdu.signatures !== null ? pdu.signatures : {};
    for (const server of servers) {
      const ofServer = signatures[server];
      if (typeof ofServer !== 'object' || ofServer === null) continue;
      for (const keyId of Object.keys(ofServer)) {
        // 0: "old_verify_keys ... are only valid for signing events"; validity is the protocol's to judge.
        const key = await this.keys.getVerifyKey(server, keyId, 0);
        if (key) known.set(`${server}\u0000${keyId}`, key);
      }
    }
    return (server, keyId) => known.get(`${server}\u0000${keyId}`);
  }
}

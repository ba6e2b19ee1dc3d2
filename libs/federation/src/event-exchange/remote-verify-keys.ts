import { Injectable } from '@nestjs/common';
import { VerifyKey } from '@switchboard/protocol';
import { VerifyKeys } from '@switchboard/rooms';
import { RemoteKeysService } from '../keys/remote-keys.service';

/**
 * The room server's VERIFY_KEYS: any key the key store knows or can fetch, old ones included
 * ("old_verify_keys ... are only valid for signing events"); the protocol's signature check
 * compares validity with the event's origin_server_ts where the room version asks for it.
 */
@Injectable()
export class RemoteVerifyKeys implements VerifyKeys {
  constructor(private readonly keys: RemoteKeysService) {}

  get(serverName: string, keyId: string): Promise<VerifyKey | undefined> {
    return this.keys.getVerifyKey(serverName, keyId, 0);
  }
}

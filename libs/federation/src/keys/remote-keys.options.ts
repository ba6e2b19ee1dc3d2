/**
 * A notary this server asks for keys it cannot fetch from their server (server-server-api
 * "Querying Keys Through Another Server"), with the notary's own verify keys, which must be known
 * in advance: a notary vouches for others' keys, so its own cannot come from the network.
 */
export interface TrustedKeyServer {
  serverName: string;
  /** Key ID -> unpadded Base64 ed25519 public key. */
  verifyKeys: Record<string, string>;
}

export interface RemoteKeysOptions {
  /** Asked in order when a server's own /_matrix/key/v2/server does not give the key. */
  trustedKeyServers: readonly TrustedKeyServer[];
}

export const REMOTE_KEYS_OPTIONS = Symbol('REMOTE_KEYS_OPTIONS');

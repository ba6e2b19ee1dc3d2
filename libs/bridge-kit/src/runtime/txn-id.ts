import { createHash } from 'node:crypto';

/**
 * The transaction ID of an event the kit sends for a remote happening: derived from what it stands
 * for, so a retry after a crash re-sends with the same ID and the homeserver answers with the event
 * it already made ("the same transaction ID ... will be treated as the same request").
 */
export function txnIdFor(bridge: string, chat: string, remote: string, part: number, kind: string): string {
  const hash = createHash('sha256').update(`${bridge}|${chat}|${remote}|${part}|${kind}`).digest('hex');
  return `sb.${hash.slice(0, 32)}`;
}

import { StrippedStateEvent } from '../events/stripped-state';
import { IdentifiedPdu, splitStateKey, StateMap } from '../state/state-map';

/** children_state's items: "Stripped State Events with an added `origin_server_ts` key". */
export interface StrippedChildStateEvent extends StrippedStateEvent {
  origin_server_ts: number;
}

/** m.space.child `order`: "Must consist of ASCII characters within the range `\x20` (space) and `\x7E` (`~`)", at most 50. */
const VALID_ORDER = /^[\x20-\x7E]{1,50}$/;

/**
 * A space's m.space.child events that name a child: "Child rooms can be removed from a space by
 * omitting the `via` key of `content`", so one without a non-empty `via` list is no child. In
 * the spec's order ("Ordering of children within a space"): valid `order` first, by code points;
 * then by origin_server_ts; ties by room ID.
 */
export function spaceChildren(state: StateMap<IdentifiedPdu>): StrippedChildStateEvent[] {
  const children: StrippedChildStateEvent[] = [];
  for (const [key, { pdu }] of state) {
    const [type, roomId] = splitStateKey(key);
    if (type !== 'm.space.child' || !roomId.startsWith('!')) continue;
    const via = pdu.content.via;
    if (!Array.isArray(via) || via.length === 0 || !via.every((v) => typeof v === 'string')) continue;
    children.push({
      type,
      state_key: roomId,
      content: pdu.content,
      sender: pdu.sender,
      origin_server_ts: pdu.origin_server_ts,
    });
  }
  return children.sort(compareChildren);
}

/** The child's `via` servers. */
export function childVia(child: StrippedChildStateEvent): string[] {
  return child.content.via as string[];
}

/** `suggested`: "Optional (default false) flag to denote whether the child is 'suggested'". */
export function isSuggestedChild(child: StrippedChildStateEvent): boolean {
  return child.content.suggested === true;
}

function orderOf(child: StrippedChildStateEvent): string | undefined {
  const order = child.content.order;
  return typeof order === 'string' && VALID_ORDER.test(order) ? order : undefined;
}

function compareChildren(a: StrippedChildStateEvent, b: StrippedChildStateEvent): number {
  const oa = orderOf(a);
  const ob = orderOf(b);
  if (oa !== undefined && ob === undefined) return -1;
  if (oa === undefined && ob !== undefined) return 1;
  if (oa !== undefined && ob !== undefined && oa !== ob) return oa < ob ? -1 : 1;
  if (a.origin_server_ts !== b.origin_server_ts) return a.origin_server_ts - b.origin_server_ts;
  return a.state_key < b.state_key ? -1 : a.state_key > b.state_key ? 1 : 0;
}

import { JsonObject, JsonValue, PushAction } from '@switchboard/protocol';
import { PusherRow } from '@switchboard/storage';

/** What a push about an event says of it (push-gateway-api "POST /_matrix/push/v1/notify"). */
export interface PushedEvent {
  eventId: string;
  roomId: string;
  type: string;
  sender: string;
  content: JsonObject;
  senderDisplayName?: string;
  roomName?: string;
  roomAlias?: string;
  userIsTarget: boolean;
}

/** A rule's `set_tweak` actions as the device's `tweaks`: "customisations made to the way this notification is to be presented". */
export function tweaksOf(actions: readonly PushAction[]): JsonObject {
  const tweaks: JsonObject = {};
  for (const action of actions) {
    if (typeof action === 'string') continue;
    tweaks[action.set_tweak] = action.value ?? true;
  }
  return tweaks;
}

/** The `format` the client asked for in the pusher's data; only `event_id_only` is defined. */
function eventIdOnly(pusher: PusherRow): boolean {
  return pusher.data.format === 'event_id_only';
}

/**
 * The body of a notify request to one pusher. Without `event`, it only updates the badge ("The
 * counts may be sent along with a notification about an event or by themselves"). `unread` is
 * sent even when 0: that is how a gateway learns to clear the badge.
 */
export function notifyBody(
  pusher: PusherRow,
  event: PushedEvent | null,
  unread: number,
  actions: readonly PushAction[],
): JsonObject {
  const { url: _url, ...data } = pusher.data;
  const device: JsonObject = {
    app_id: pusher.appId,
    pushkey: pusher.pushkey,
    // "The unix timestamp (in seconds) when the pushkey was last updated."
    pushkey_ts: Math.floor(pusher.createdTs / 1000),
    data: data as JsonObject,
    tweaks: tweaksOf(actions),
  };
  const counts = { unread };
  if (event === null) return { notification: { counts, devices: [device] } };
  const about: JsonObject = { event_id: event.eventId, room_id: event.roomId };
  if (eventIdOnly(pusher)) return { notification: { ...about, prio: 'high', counts, devices: [device] } };
  return {
    notification: {
      // `id` is the push gateway API's name for event_id before r0.1.0; Sygnal and SyTest still read it.
      id: event.eventId,
      ...about,
      type: event.type,
      sender: event.sender,
      ...optional('sender_display_name', event.senderDisplayName),
      ...optional('room_name', event.roomName),
      ...optional('room_alias', event.roomAlias),
      ...(event.type === 'm.room.member'
        ? // `membership` is Synapse's, read by SyTest; the spec has user_is_target.
          { user_is_target: event.userIsTarget, ...optional('membership', event.content.membership) }
        : {}),
      prio: 'high',
      content: event.content,
      counts,
      devices: [device],
    },
  };
}

function optional(key: string, value: JsonValue | undefined): JsonObject {
  return value === undefined ? {} : { [key]: value };
}

import { PusherRow } from '@switchboard/storage';
import { notifyBody, PushedEvent, tweaksOf } from './notify-request';

const pusher = (data: Record<string, unknown>): PusherRow => ({
  userId: '@u:example.org',
  appId: 'app',
  pushkey: 'key',
  kind: 'http',
  appDisplayName: 'App',
  deviceDisplayName: 'Phone',
  profileTag: null,
  lang: 'en',
  data: { url: 'https://push.example.org/_matrix/push/v1/notify', ...data },
  deviceId: null,
  createdTs: 1_700_000_123_456,
});

const event: PushedEvent = {
  eventId: '$e',
  roomId: '!r:example.org',
  type: 'm.room.message',
  sender: '@s:example.org',
  content: { msgtype: 'm.text', body: 'hi' },
  senderDisplayName: 'S',
  roomName: 'Room',
  userIsTarget: false,
};

describe('push-gateway-api "POST /_matrix/push/v1/notify" body', () => {
  it('tweaks are the set_tweak actions; a tweak without a value is true', () => {
    expect(
      tweaksOf(['notify', 'dont_notify', { set_tweak: 'sound', value: 'bing' }, { set_tweak: 'highlight' }]),
    ).toEqual({
      sound: 'bing',
      highlight: true,
    });
  });

  it('the device carries the pusher data "minus the url key" and pushkey_ts in seconds', () => {
    const body = notifyBody(pusher({ custom: 1 }), event, 3, ['notify']);
    expect(body.notification).toMatchObject({
      event_id: '$e',
      room_id: '!r:example.org',
      type: 'm.room.message',
      sender: '@s:example.org',
      sender_display_name: 'S',
      room_name: 'Room',
      content: { msgtype: 'm.text', body: 'hi' },
      counts: { unread: 3 },
      devices: [
        { app_id: 'app', pushkey: 'key', pushkey_ts: 1_700_000_123, data: { custom: 1 }, tweaks: {} },
      ],
    });
  });

  it('event_id_only leaves out everything about the event but its ids', () => {
    const body = notifyBody(pusher({ format: 'event_id_only' }), event, 0, ['notify']);
    expect(Object.keys(body.notification as object).sort()).toEqual([
      'counts',
      'devices',
      'event_id',
      'prio',
      'room_id',
    ]);
  });

  it('a badge update has the counts and the device only; a member event says whether the user is its target', () => {
    expect(notifyBody(pusher({}), null, 0, [])).toEqual({
      notification: {
        counts: { unread: 0 },
        devices: [{ app_id: 'app', pushkey: 'key', pushkey_ts: 1_700_000_123, data: {}, tweaks: {} }],
      },
    });
    const invite = { ...event, type: 'm.room.member', content: { membership: 'invite' }, userIsTarget: true };
    expect(notifyBody(pusher({}), invite, 1, []).notification).toMatchObject({
      user_is_target: true,
      membership: 'invite',
    });
  });
});

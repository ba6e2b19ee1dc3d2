import type { AppserviceRegistration } from '@switchboard/config';
import {
  AppserviceEphemeralRepository,
  DeviceListChangesRepository,
  PresenceRepository,
  ReceiptRow,
  ReceiptsRepository,
  ToDeviceRepository,
} from '@switchboard/storage';
import { Appservice } from '../registry/appservice';
import { AppserviceInterest } from './appservice-interest';
import { DeviceListsSource } from './device-lists.source';
import { PresenceSource } from './presence.source';
import { ReceiptsSource } from './receipts.source';
import { ToDeviceSource } from './to-device.source';

const service = (id: string, users: string, extra: Partial<AppserviceRegistration> = {}) =>
  new Appservice(
    {
      file: `${id}.yaml`,
      id,
      url: 'http://127.0.0.1:1',
      as_token: `as-${id}`,
      hs_token: `hs-${id}`,
      sender_localpart: `${id}bot`,
      namespaces: { users: [{ regex: users, exclusive: true }], aliases: [], rooms: [] },
      rate_limited: true,
      protocols: [],
      receive_ephemeral: true,
      msc3202: false,
      msc4190: false,
      ...extra,
    },
    'test.local',
  );

const DISCORD = service('discord', '@discord_.*');
const SLACK = service('slack', '@slack_.*', {
  namespaces: {
    users: [{ regex: '@slack_.*', exclusive: true }],
    aliases: [{ regex: '#slack_.*', exclusive: true }],
    rooms: [{ regex: '!slackroom:.*', exclusive: false }],
  },
});

/** Local members per room and aliases per room, as the repositories would read them. */
function interest(members: Record<string, string[]>, aliases: Record<string, string[]> = {}) {
  return new AppserviceInterest([DISCORD, SLACK], {
    roomFacts: async (roomId) => ({ aliases: aliases[roomId] ?? [], members: members[roomId] ?? [] }),
    joinedRooms: async (userId) =>
      Object.entries(members)
        .filter(([, users]) => users.includes(userId))
        .map(([roomId]) => roomId),
  });
}

const receipt = (roomId: string, userId: string, receiptType = 'm.read', eventId = '$e'): ReceiptRow => ({
  roomId,
  receiptType,
  userId,
  threadId: null,
  eventId,
  ts: 10,
  streamId: 1,
});

describe('AppserviceInterest', () => {
  it('a room interests a service through a joined member, its room ID or one of its aliases', async () => {
    const of = interest(
      {
        '!a:test.local': ['@alice:test.local', '@discord_1:test.local'],
        '!b:test.local': ['@alice:test.local'],
      },
      { '!c:test.local': ['#slack_general:test.local'] },
    );
    expect((await of.inRoom('!a:test.local')).map((s) => s.id)).toEqual(['discord']);
    expect(await of.inRoom('!b:test.local')).toEqual([]);
    expect((await of.inRoom('!c:test.local')).map((s) => s.id)).toEqual(['slack']);
    expect((await of.inRoom('!slackroom:test.local')).map((s) => s.id)).toEqual(['slack']);
  });

  it('a user interests the services it is namespaced by and those of the rooms it is joined to', async () => {
    const of = interest({ '!a:test.local': ['@alice:test.local', '@discord_1:test.local'] });
    expect((await of.inUser('@alice:test.local')).map((s) => s.id)).toEqual(['discord']);
    expect((await of.inUser('@slack_9:test.local')).map((s) => s.id)).toEqual(['slack']);
    expect(await of.inUser('@carol:test.local')).toEqual([]);
    expect(of.actingAs('@discordbot:test.local').map((s) => s.id)).toEqual(['discord']);
  });
});

describe('ephemeral sources', () => {
  const repos = {} as unknown as ReceiptsRepository &
    PresenceRepository &
    ToDeviceRepository &
    DeviceListChangesRepository &
    AppserviceEphemeralRepository;

  it('receipts: one m.receipt per room with its room_id; private receipts only of its own users', async () => {
    const of = interest({
      '!a:test.local': ['@alice:test.local', '@discord_1:test.local', '@slack_1:test.local'],
    });
    const entries = await new ReceiptsSource(repos, repos).entries(
      [
        receipt('!a:test.local', '@alice:test.local'),
        receipt('!a:test.local', '@alice:test.local', 'm.read.private', '$p'),
        receipt('!a:test.local', '@discord_1:test.local', 'm.read.private', '$d'),
        receipt('!b:test.local', '@alice:test.local'),
      ],
      of,
    );
    expect(entries).toEqual([
      {
        appserviceId: 'discord',
        ephemeral: {
          type: 'm.receipt',
          room_id: '!a:test.local',
          content: {
            $e: { 'm.read': { '@alice:test.local': { ts: 10 } } },
            $d: { 'm.read.private': { '@discord_1:test.local': { ts: 10 } } },
          },
        },
      },
      {
        appserviceId: 'slack',
        ephemeral: {
          type: 'm.receipt',
          room_id: '!a:test.local',
          content: { $e: { 'm.read': { '@alice:test.local': { ts: 10 } } } },
        },
      },
    ]);
  });

  it('presence: m.presence with its sender to the services the user interests', async () => {
    const of = interest({ '!a:test.local': ['@alice:test.local', '@slack_1:test.local'] });
    const now = Date.now();
    const entries = await new PresenceSource(repos, repos).entries(
      [
        { userId: '@alice:test.local', presence: 'online', statusMsg: 'hi', lastActiveTs: now, streamId: 1 },
        { userId: '@carol:test.local', presence: 'online', statusMsg: null, lastActiveTs: now, streamId: 2 },
      ],
      of,
    );
    expect(entries).toEqual([
      {
        appserviceId: 'slack',
        ephemeral: {
          type: 'm.presence',
          sender: '@alice:test.local',
          content: {
            presence: 'online',
            status_msg: 'hi',
            last_active_ago: expect.any(Number),
            currently_active: true,
          },
        },
      },
    ]);
  });

  it('to-device: each message to the services that may act as its recipient, in the MSC2409 shape', async () => {
    const entries = await new ToDeviceSource(repos, repos).entries(
      [
        {
          streamId: 1,
          userId: '@discord_1:test.local',
          deviceId: 'D1',
          sender: '@alice:test.local',
          type: 'm.room_key_request',
          content: { action: 'request' },
        },
        {
          streamId: 2,
          userId: '@alice:test.local',
          deviceId: 'A1',
          sender: '@discord_1:test.local',
          type: 'm.test',
          content: {},
        },
      ],
      interest({}),
    );
    expect(entries).toEqual([
      {
        appserviceId: 'discord',
        toDevice: {
          type: 'm.room_key_request',
          sender: '@alice:test.local',
          to_user_id: '@discord_1:test.local',
          to_device_id: 'D1',
          content: { action: 'request' },
        },
      },
    ]);
  });

  it('device lists: only registrations with org.matrix.msc3202 take them', () => {
    const source = new DeviceListsSource(repos, repos);
    expect(source.wants(DISCORD)).toBe(false);
    expect(source.wants(service('e2ee', '@e2ee_.*', { msc3202: true }))).toBe(true);
  });

  it('device lists: the changed users each service is interested in', async () => {
    const of = interest({ '!a:test.local': ['@alice:test.local', '@discord_1:test.local'] });
    const entries = await new DeviceListsSource(repos, repos).entries(
      [
        { userId: '@alice:test.local', streamId: 1 },
        { userId: '@discord_1:test.local', streamId: 2 },
        { userId: '@slack_2:test.local', streamId: 3 },
        { userId: '@carol:test.local', streamId: 4 },
      ],
      of,
    );
    expect(entries).toEqual([
      {
        appserviceId: 'discord',
        deviceLists: { changed: ['@alice:test.local', '@discord_1:test.local'], left: [] },
      },
      { appserviceId: 'slack', deviceLists: { changed: ['@slack_2:test.local'], left: [] } },
    ]);
  });
});

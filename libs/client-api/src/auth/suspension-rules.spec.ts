import {
  createRoom,
  getUserProfile,
  joinRoom,
  leaveRoom,
  redactEvent,
  sendMessage,
  setProfileField,
  setRoomStateWithKey,
  sync,
} from '@switchboard/protocol';
import { refusedWhileSuspended } from './suspension-rules';

describe('refusedWhileSuspended (client-server-api "Account suspension")', () => {
  it('refuses joining, creating rooms and changing the profile', () => {
    expect(refusedWhileSuspended(joinRoom, { roomIdOrAlias: '!r:x' }, {})).toBe(true);
    expect(refusedWhileSuspended(createRoom, {}, {})).toBe(true);
    expect(refusedWhileSuspended(setProfileField, { keyName: 'displayname' }, {})).toBe(true);
  });

  it('"may be allowed to send m.room.redaction events but not m.room.message events through /send"', () => {
    expect(refusedWhileSuspended(sendMessage, { eventType: 'm.room.message' }, {})).toBe(true);
    expect(refusedWhileSuspended(sendMessage, { eventType: 'm.room.redaction' }, {})).toBe(false);
  });

  it('allows leaving through the state API, not other state', () => {
    const member = { eventType: 'm.room.member', stateKey: '@u:x' };
    expect(refusedWhileSuspended(setRoomStateWithKey, member, { membership: 'leave' })).toBe(false);
    expect(refusedWhileSuspended(setRoomStateWithKey, member, { membership: 'join' })).toBe(true);
    expect(refusedWhileSuspended(setRoomStateWithKey, { eventType: 'm.room.topic' }, {})).toBe(true);
  });

  it('allows reading, leaving and redacting', () => {
    for (const endpoint of [sync, getUserProfile, leaveRoom, redactEvent])
      expect(refusedWhileSuspended(endpoint, {}, undefined)).toBe(false);
  });
});

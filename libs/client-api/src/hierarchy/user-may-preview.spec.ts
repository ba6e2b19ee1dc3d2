import { RoomSummary } from '@switchboard/protocol';
import { userMayPreview } from './user-may-preview';

const room = (fields: Partial<RoomSummary>): RoomSummary => ({
  room_id: '!r:example.org',
  num_joined_members: 1,
  world_readable: false,
  guest_can_join: false,
  join_rule: 'invite',
  room_version: '10',
  ...fields,
});

describe('userMayPreview (space_hierarchy.yaml "The server should return any rooms where ...")', () => {
  const none = new Set<string>();
  it('shows rooms the user is joined or invited to, and hides them from a banned user', () => {
    expect(userMayPreview(room({}), 'join', none)).toBe(true);
    expect(userMayPreview(room({}), 'invite', none)).toBe(true);
    expect(userMayPreview(room({ join_rule: 'public' }), 'ban', none)).toBe(false);
    expect(userMayPreview(room({}), 'leave', none)).toBe(false);
  });

  it('shows public, world-readable and knockable rooms; knocking only in versions that have it', () => {
    expect(userMayPreview(room({ join_rule: 'public' }), undefined, none)).toBe(true);
    expect(userMayPreview(room({ world_readable: true }), undefined, none)).toBe(true);
    expect(userMayPreview(room({ join_rule: 'knock' }), undefined, none)).toBe(true);
    expect(userMayPreview(room({ join_rule: 'knock', room_version: '6' }), undefined, none)).toBe(false);
    expect(userMayPreview(room({ join_rule: 'knock_restricted', room_version: '9' }), undefined, none)).toBe(
      false,
    );
  });

  it('shows a restricted room to members of one of its allowed rooms', () => {
    const restricted = room({ join_rule: 'restricted', allowed_room_ids: ['!space:example.org'] });
    expect(userMayPreview(restricted, undefined, none)).toBe(false);
    expect(userMayPreview(restricted, undefined, new Set(['!space:example.org']))).toBe(true);
  });
});

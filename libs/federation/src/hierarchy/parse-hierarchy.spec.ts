import { parseFederationHierarchy } from './parse-hierarchy';

describe('parseFederationHierarchy', () => {
  it('keeps the fields room_summary.yaml defines and drops malformed children', () => {
    const parsed = parseFederationHierarchy({
      room: {
        room_id: '!space:remote',
        num_joined_members: 2,
        world_readable: true,
        guest_can_join: false,
        join_rule: 'public',
        room_type: 'm.space',
        extra: 'dropped',
        children_state: [
          {
            type: 'm.space.child',
            state_key: '!a:remote',
            content: { via: ['remote'] },
            sender: '@u:remote',
            origin_server_ts: 1,
          },
          {
            type: 'm.space.child',
            state_key: '!b:remote',
            content: {},
            sender: '@u:remote',
            origin_server_ts: 2,
          },
          {
            type: 'm.room.name',
            state_key: '',
            content: { name: 'x' },
            sender: '@u:remote',
            origin_server_ts: 3,
          },
        ],
      },
      children: [
        { room_id: '!a:remote', num_joined_members: 1, world_readable: false, guest_can_join: false },
        { room_id: 5 },
      ],
      inaccessible_children: ['!secret:remote', 7],
    });
    expect(parsed).toEqual({
      room: {
        room_id: '!space:remote',
        num_joined_members: 2,
        world_readable: true,
        guest_can_join: false,
        join_rule: 'public',
        room_type: 'm.space',
        children_state: [
          {
            type: 'm.space.child',
            state_key: '!a:remote',
            content: { via: ['remote'] },
            sender: '@u:remote',
            origin_server_ts: 1,
          },
        ],
      },
      children: [
        {
          room_id: '!a:remote',
          num_joined_members: 1,
          world_readable: false,
          guest_can_join: false,
          join_rule: 'invite',
        },
      ],
      inaccessible_children: ['!secret:remote'],
    });
  });

  it('is undefined for an answer without a room or children', () => {
    expect(parseFederationHierarchy({ children: [] })).toBeUndefined();
    expect(parseFederationHierarchy({ room: { room_id: '!r:x', num_joined_members: 1 } })).toBeUndefined();
    expect(parseFederationHierarchy([])).toBeUndefined();
  });
});

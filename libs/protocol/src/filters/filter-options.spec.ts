import {
  filterEventFormat,
  filterIncludesLeave,
  lazyLoadOptions,
  roomFilterIncludes,
  unreadThreadNotifications,
} from './filter-options';

describe('RoomFilter rooms / not_rooms', () => {
  it('an absent filter or list includes every room', () => {
    expect(roomFilterIncludes(undefined, '!a:x')).toBe(true);
    expect(roomFilterIncludes({}, '!a:x')).toBe(true);
  });

  it('includes listed rooms only', () => {
    expect(roomFilterIncludes({ rooms: ['!a:x'] }, '!a:x')).toBe(true);
    expect(roomFilterIncludes({ rooms: ['!a:x'] }, '!b:x')).toBe(false);
    expect(roomFilterIncludes({ rooms: [] }, '!a:x')).toBe(false);
  });

  it('"A matching room will be excluded even if it is listed in the `rooms` filter"', () => {
    expect(roomFilterIncludes({ not_rooms: ['!a:x'] }, '!a:x')).toBe(false);
    expect(roomFilterIncludes({ rooms: ['!a:x'], not_rooms: ['!a:x'] }, '!a:x')).toBe(false);
    expect(roomFilterIncludes({ not_rooms: ['!a:x'] }, '!b:x')).toBe(true);
  });
});

describe('include_leave', () => {
  it('"Defaults to `false`"', () => {
    expect(filterIncludesLeave(undefined)).toBe(false);
    expect(filterIncludesLeave({})).toBe(false);
    expect(filterIncludesLeave({ room: {} })).toBe(false);
  });

  it('is what the filter says', () => {
    expect(filterIncludesLeave({ room: { include_leave: true } })).toBe(true);
    expect(filterIncludesLeave({ room: { include_leave: false } })).toBe(false);
  });
});

describe('event_format', () => {
  it('"The default is `client`"', () => {
    expect(filterEventFormat(undefined)).toBe('client');
    expect(filterEventFormat({})).toBe('client');
    expect(filterEventFormat({ event_format: 'federation' })).toBe('federation');
    expect(filterEventFormat({ event_format: 'client' })).toBe('client');
  });
});

describe('lazy_load_members and include_redundant_members', () => {
  it('both default to false', () => {
    expect(lazyLoadOptions(undefined)).toEqual({ lazyLoadMembers: false, includeRedundantMembers: false });
    expect(lazyLoadOptions({})).toEqual({ lazyLoadMembers: false, includeRedundantMembers: false });
  });

  it('lazy-loads when asked, with or without redundant members', () => {
    expect(lazyLoadOptions({ lazy_load_members: true })).toEqual({
      lazyLoadMembers: true,
      includeRedundantMembers: false,
    });
    expect(lazyLoadOptions({ lazy_load_members: true, include_redundant_members: true })).toEqual({
      lazyLoadMembers: true,
      includeRedundantMembers: true,
    });
  });

  it('include_redundant_members "Does not apply unless `lazy_load_members` is `true`"', () => {
    expect(lazyLoadOptions({ include_redundant_members: true })).toEqual({
      lazyLoadMembers: false,
      includeRedundantMembers: false,
    });
    expect(lazyLoadOptions({ lazy_load_members: false, include_redundant_members: true })).toEqual({
      lazyLoadMembers: false,
      includeRedundantMembers: false,
    });
  });
});

describe('unread_thread_notifications', () => {
  it('"Defaults to `false`"', () => {
    expect(unreadThreadNotifications(undefined)).toBe(false);
    expect(unreadThreadNotifications({})).toBe(false);
    expect(unreadThreadNotifications({ unread_thread_notifications: true })).toBe(true);
  });
});

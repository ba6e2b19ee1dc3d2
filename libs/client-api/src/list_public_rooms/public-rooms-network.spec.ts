import { publicRoomsNetwork } from './public-rooms-network';

const invalid = expect.objectContaining({ errcode: 'M_INVALID_PARAM', status: 400 }) as Error;

describe('publicRoomsNetwork (client-server-api "POST /publicRooms": include_all_networks, third_party_instance_id)', () => {
  it("lists the server's own directory by default", () => {
    expect(publicRoomsNetwork(undefined, undefined)).toEqual({ kind: 'server' });
    expect(publicRoomsNetwork(false, null)).toEqual({ kind: 'server' });
    expect(publicRoomsNetwork('false', undefined)).toEqual({ kind: 'server' });
  });

  it('lists every directory with include_all_networks, from a body or a query string', () => {
    expect(publicRoomsNetwork(true, undefined)).toEqual({ kind: 'all' });
    expect(publicRoomsNetwork('true', undefined)).toEqual({ kind: 'all' });
  });

  it('lists one application service network for an instance_id <appservice>|<network>', () => {
    expect(publicRoomsNetwork(false, 'irc-bridge|freenode')).toEqual({
      kind: 'instance',
      appserviceId: 'irc-bridge',
      networkId: 'freenode',
    });
    expect(publicRoomsNetwork(undefined, 'as|net|work')).toEqual({
      kind: 'instance',
      appserviceId: 'as',
      networkId: 'net|work',
    });
  });

  it('refuses what it cannot read with M_INVALID_PARAM', () => {
    expect(() => publicRoomsNetwork(true, 'as|net')).toThrow(invalid);
    expect(() => publicRoomsNetwork('yes', undefined)).toThrow(invalid);
    expect(() => publicRoomsNetwork(undefined, 'no-bar')).toThrow(invalid);
    expect(() => publicRoomsNetwork(undefined, '|net')).toThrow(invalid);
    expect(() => publicRoomsNetwork(undefined, 5)).toThrow(invalid);
  });
});

import { parseThirdPartyInstanceId, thirdPartyInstanceId } from './third-party-instance';
import { mergeProtocolMetadata, protocolMetadataOf, thirdPartyResultsOf } from './third-party-results';

describe('third-party protocol metadata (client-server-api "Third-party Networks")', () => {
  const ymca = (instances: unknown[]) => ({
    user_fields: ['field1', 'field2'],
    location_fields: ['field3'],
    icon: 'mxc://1234/56/7',
    field_types: {},
    instances,
  });

  it('gives each instance with a network_id its instance_id "<appservice>|<network>", copying the answer', () => {
    const answer = ymca([{ desc: 'Freenode', network_id: 'freenode', fields: {} }, { desc: 'no network' }]);
    const metadata = protocolMetadataOf(answer, 'irc-bridge');
    expect(metadata?.instances).toEqual([
      { desc: 'Freenode', network_id: 'freenode', fields: {}, instance_id: 'irc-bridge|freenode' },
      { desc: 'no network' },
    ]);
    expect(answer.instances[0]).not.toHaveProperty('instance_id');
  });

  it('takes no answer without an instances array (it cannot be merged)', () => {
    for (const answer of [[], {}, { instances: 'x' }, { instances: [1] }, null, 'x', undefined]) {
      expect(protocolMetadataOf(answer, 'as')).toBeUndefined();
    }
  });

  it("merges several services' answers: the first one's fields, everyone's instances in order", () => {
    const first = protocolMetadataOf(
      { ...ymca([{ desc: 'instance 1' }, { desc: 'instance 2' }]), icon: 'a' },
      'a',
    )!;
    const second = protocolMetadataOf({ ...ymca([{ desc: 'instance 3' }]), icon: 'b' }, 'b')!;
    expect(mergeProtocolMetadata([first, second])).toEqual({
      ...ymca([{ desc: 'instance 1' }, { desc: 'instance 2' }, { desc: 'instance 3' }]),
      icon: 'a',
    });
    expect(mergeProtocolMetadata([])).toBeUndefined();
  });
});

describe('third-party lookup results', () => {
  it('keeps the locations with protocol, alias and fields, the users with protocol, userid and fields', () => {
    const location = { protocol: 'ymca', alias: '#r:hs', fields: { field3: 'x' } };
    const user = { protocol: 'ymca', userid: '@u:hs', fields: {} };
    const answer = [
      location,
      user,
      { protocol: 'ymca', alias: '#r:hs' },
      { alias: '#r:hs', fields: {} },
      'x',
      null,
    ];
    expect(thirdPartyResultsOf(answer, 'location')).toEqual([location]);
    expect(thirdPartyResultsOf(answer, 'user')).toEqual([user]);
    expect(thirdPartyResultsOf({ results: [location] }, 'location')).toEqual([]);
    expect(thirdPartyResultsOf(undefined, 'user')).toEqual([]);
  });
});

describe('third-party instance IDs', () => {
  it('round-trip through "<appservice>|<network>"; the network may hold a bar', () => {
    expect(thirdPartyInstanceId({ appserviceId: 'as', networkId: 'net' })).toBe('as|net');
    expect(parseThirdPartyInstanceId('as|net|2')).toEqual({ appserviceId: 'as', networkId: 'net|2' });
    for (const bad of ['as', '|net', 'as|', '']) expect(parseThirdPartyInstanceId(bad)).toBeUndefined();
  });
});

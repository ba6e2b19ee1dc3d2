import { ClientEvent } from '@switchboard/protocol';
import { transactionBody } from './transaction-body';

const EVENT: ClientEvent = {
  content: { body: 'hi' },
  event_id: '$e',
  origin_server_ts: 1,
  room_id: '!r:hs',
  sender: '@a:hs',
  type: 'm.room.message',
};

describe('transactionBody', () => {
  it('carries only events when the batch has nothing else', () => {
    expect(transactionBody([EVENT], { txnId: '1', eventIds: ['$e'], ephemeral: [], toDevice: [] })).toEqual({
      events: [EVENT],
    });
  });

  it('puts each ephemeral kind under its stable and its unstable name', () => {
    const typing = { type: 'm.typing', room_id: '!r:hs', content: { user_ids: [] } };
    const message = { type: 'm.test', sender: '@a:hs', to_user_id: '@b:hs', to_device_id: 'D', content: {} };
    const lists = { changed: ['@a:hs'], left: ['@c:hs'] };
    const body = transactionBody([], {
      txnId: '2',
      eventIds: [],
      ephemeral: [typing],
      toDevice: [message],
      deviceLists: lists,
    });
    expect(body).toEqual({
      events: [],
      ephemeral: [typing],
      'de.sorunome.msc2409.ephemeral': [typing],
      to_device: [message],
      'de.sorunome.msc2409.to_device': [message],
      device_lists: lists,
      'org.matrix.msc3202.device_lists': lists,
    });
  });
});

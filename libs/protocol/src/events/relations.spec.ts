import { relationOf, searchableText } from './relations';

describe('relationOf (client-server-api "Forming relationships between events")', () => {
  const relates = (relType: string, extra: Record<string, unknown> = {}) => ({
    type: 'm.room.message',
    content: { body: 'x', 'm.relates_to': { rel_type: relType, event_id: '$parent' }, ...extra },
  });

  it('reads rel_type and event_id', () => {
    expect(relationOf(relates('m.thread'))).toEqual({ relType: 'm.thread', eventId: '$parent' });
  });

  it('ignores relationships that do not match the schema, and rich replies (no rel_type)', () => {
    expect(
      relationOf({
        type: 'm.room.message',
        content: { 'm.relates_to': { 'm.in_reply_to': { event_id: '$a' } } },
      }),
    ).toBeUndefined();
    expect(
      relationOf({
        type: 'm.room.message',
        content: { 'm.relates_to': { rel_type: 'm.thread', event_id: 5 } },
      }),
    ).toBeUndefined();
    expect(relationOf({ type: 'm.room.message', content: { 'm.relates_to': 'nope' } })).toBeUndefined();
  });

  it('"Validity of replacement events": m.new_content required unless encrypted; never a state event', () => {
    expect(relationOf(relates('m.replace'))).toBeUndefined();
    expect(relationOf(relates('m.replace', { 'm.new_content': { body: 'y' } }))).toEqual({
      relType: 'm.replace',
      eventId: '$parent',
    });
    expect(relationOf({ ...relates('m.replace'), type: 'm.room.encrypted' })?.relType).toBe('m.replace');
    expect(relationOf({ ...relates('m.replace', { 'm.new_content': {} }), state_key: '' })).toBeUndefined();
  });
});

describe('searchableText (client-server-api "Server Side Search" keys)', () => {
  it('reads content.body of messages, content.name of names and content.topic of topics', () => {
    expect(searchableText({ type: 'm.room.message', content: { body: 'hi' } })).toEqual({
      key: 'content.body',
      text: 'hi',
    });
    expect(searchableText({ type: 'm.room.name', content: { name: 'N' } })).toEqual({
      key: 'content.name',
      text: 'N',
    });
    expect(searchableText({ type: 'm.room.topic', content: { topic: 'T' } })).toEqual({
      key: 'content.topic',
      text: 'T',
    });
    expect(searchableText({ type: 'm.room.message', content: { body: 5 } })).toBeUndefined();
    expect(searchableText({ type: 'm.reaction', content: { body: 'x' } })).toBeUndefined();
  });
});

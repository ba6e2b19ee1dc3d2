import { JsonObject } from '../events/pdu.types';
import { projectEventFields } from './event-fields';

const event: JsonObject = {
  type: 'm.room.message',
  sender: '@bob:example.org',
  event_id: '$e',
  room_id: '!a:example.org',
  origin_server_ts: 1,
  content: {
    msgtype: 'm.text',
    body: 'hello',
    'm.relates_to': { rel_type: 'm.thread', event_id: '$root' },
    'm\\foo': 'bar',
  },
  unsigned: { age: 5 },
};

describe('event_fields', () => {
  it('"If this list is absent then all fields are included"', () => {
    expect(projectEventFields(event, undefined)).toBe(event);
  });

  it('spec example: `[\'content.body\']` "will include the `body` field of the `content` object"', () => {
    expect(projectEventFields(event, ['content.body'])).toEqual({ content: { body: 'hello' } });
  });

  it('the filter.yaml example: type, content and sender', () => {
    expect(projectEventFields(event, ['type', 'content', 'sender'])).toEqual({
      type: 'm.room.message',
      content: event.content,
      sender: '@bob:example.org',
    });
  });

  it('follows escaped dots and backslashes in property names', () => {
    expect(projectEventFields(event, ['content.m\\.relates_to.rel_type'])).toEqual({
      content: { 'm.relates_to': { rel_type: 'm.thread' } },
    });
    expect(projectEventFields(event, ['content.m\\\\foo'])).toEqual({ content: { 'm\\foo': 'bar' } });
    expect(projectEventFields(event, ['content.m.relates_to'])).toEqual({});
  });

  it('merges paths that share a parent', () => {
    expect(projectEventFields(event, ['content.body', 'content.msgtype', 'unsigned.age'])).toEqual({
      content: { body: 'hello', msgtype: 'm.text' },
      unsigned: { age: 5 },
    });
  });

  it('a path under another listed path adds nothing, in either order', () => {
    expect(projectEventFields(event, ['content.body', 'content'])).toEqual({ content: event.content });
    expect(projectEventFields(event, ['content', 'content.body'])).toEqual({ content: event.content });
    expect(projectEventFields(event, ['type', 'type'])).toEqual({ type: 'm.room.message' });
  });

  it('never changes the event', () => {
    const before = JSON.stringify(event);
    const out = projectEventFields(event, ['content', 'content.body', 'unsigned.age']);
    expect(JSON.stringify(event)).toBe(before);
    expect(out.content).toBe(event.content);
  });

  it('skips paths that are absent or go through a non-object', () => {
    expect(projectEventFields(event, ['missing', 'content.body.length', 'type.x'])).toEqual({});
  });

  it('an empty list includes no fields', () => {
    expect(projectEventFields(event, [])).toEqual({});
  });

  it('copies a `__proto__` property as an own property', () => {
    const e = JSON.parse('{"content":{"__proto__":{"polluted":true}}}');
    const out = projectEventFields(e, ['content.__proto__.polluted']);
    expect(JSON.stringify(out)).toBe('{"content":{"__proto__":{"polluted":true}}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out.content)).toBe(Object.prototype);
  });
});

import { splitContent, webhookUsername } from './discord-text';
import { customEmojiKey, messageLink, reactionRouteEmoji } from './ids';

describe('Matrix -> Discord helpers', () => {
  it('splits long text at line breaks within 2000 characters', () => {
    const line = 'x'.repeat(1500);
    expect(splitContent(`${line}\n${line}`)).toEqual([line, line]);
    expect(splitContent('y'.repeat(4100)).map((p) => p.length)).toEqual([2000, 2000, 100]);
    expect(splitContent('short')).toEqual(['short']);
  });

  it.each([
    ['Alice', 'Alice'],
    ['discord fan', 'D1scord fan'],
    ['Clyde', 'Clyd3'],
    ['', 'Matrix user'],
    ['a'.repeat(100), 'a'.repeat(80)],
  ])('makes webhook usernames Discord accepts: %s', (name, expected) => {
    expect(webhookUsername(name)).toBe(expected);
  });

  it('encodes reaction emoji for the route', () => {
    expect(reactionRouteEmoji('👍')).toBe(encodeURIComponent('👍'));
    expect(reactionRouteEmoji('<:party:1234>')).toBe('party%3A1234');
    expect(reactionRouteEmoji('<a:dance:99>')).toBe('dance%3A99');
    expect(customEmojiKey({ id: '5', name: 'blob', animated: true })).toBe('<a:blob:5>');
    expect(messageLink(null, '1', '2')).toBe('https://discord.com/channels/@me/1/2');
  });
});

import { parseHtml } from './html-parser';
import { serializeHtml } from './html-serializer';
import { decodeEntities, escapeHtml } from './html-entities';

describe('parseHtml', () => {
  it.each([
    ['text only', 'a &amp; b', [{ type: 'text', text: 'a & b' }]],
    [
      'nested elements, tag names lower-cased',
      '<B>x<i>y</i></B>',
      [
        {
          type: 'element',
          tag: 'b',
          attrs: {},
          children: [
            { type: 'text', text: 'x' },
            { type: 'element', tag: 'i', attrs: {}, children: [{ type: 'text', text: 'y' }] },
          ],
        },
      ],
    ],
    [
      'quoted, unquoted and bare attributes',
      `<span data-mx-spoiler a='1' B=2 c="x &quot;y">s</span>`,
      [
        {
          type: 'element',
          tag: 'span',
          attrs: { 'data-mx-spoiler': '', a: '1', b: '2', c: 'x "y' },
          children: [{ type: 'text', text: 's' }],
        },
      ],
    ],
    [
      'void and self-closing elements',
      'a<br>b<br/>c',
      [
        { type: 'text', text: 'a' },
        { type: 'element', tag: 'br', attrs: {}, children: [] },
        { type: 'text', text: 'b' },
        { type: 'element', tag: 'br', attrs: {}, children: [] },
        { type: 'text', text: 'c' },
      ],
    ],
    ['comments and doctypes disappear', '<!DOCTYPE html><!-- x <b> -->t', [{ type: 'text', text: 't' }]],
    ['a stray < is text', 'a < b <3', [{ type: 'text', text: 'a < b <3' }]],
    ['unknown end tags are ignored', 'a</b>c', [{ type: 'text', text: 'ac' }]],
    [
      'unclosed elements close with their parent',
      '<p><b>x</p>y',
      [
        {
          type: 'element',
          tag: 'p',
          attrs: {},
          children: [{ type: 'element', tag: 'b', attrs: {}, children: [{ type: 'text', text: 'x' }] }],
        },
        { type: 'text', text: 'y' },
      ],
    ],
    [
      '<li> closes an open <li>',
      '<ul><li>a<li>b</ul>',
      [
        {
          type: 'element',
          tag: 'ul',
          attrs: {},
          children: [
            { type: 'element', tag: 'li', attrs: {}, children: [{ type: 'text', text: 'a' }] },
            { type: 'element', tag: 'li', attrs: {}, children: [{ type: 'text', text: 'b' }] },
          ],
        },
      ],
    ],
    [
      'script content is raw text',
      '<script>if (a<b) "</b>"</script>x',
      [
        { type: 'element', tag: 'script', attrs: {}, children: [{ type: 'text', text: 'if (a<b) "</b>"' }] },
        { type: 'text', text: 'x' },
      ],
    ],
    [
      'an unterminated tag at the end',
      'x<b',
      [
        { type: 'text', text: 'x' },
        { type: 'element', tag: 'b', attrs: {}, children: [] },
      ],
    ],
  ])('%s', (_name, html, expected) => {
    expect(parseHtml(html)).toEqual(expected);
  });
});

describe('entities', () => {
  it.each([
    ['&lt;&gt;&amp;&quot;&apos;&nbsp;', '<>&"\'\u00a0'],
    ['&#65;&#x42;&#X43;', 'ABC'],
    ['&#0;&#xD800;&#x110000;', '\ufffd\ufffd\ufffd'],
    ['&unknown; & &amp', '&unknown; & &'],
  ])('decodeEntities(%j)', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });

  it('escapeHtml escapes for content and both attribute quotes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('serializeHtml', () => {
  it.each([
    ['<b>a &lt; b</b>', '<b>a &lt; b</b>'],
    ['<span data-mx-spoiler>s</span>', '<span data-mx-spoiler>s</span>'],
    ['<a href="x&amp;y&quot;">l</a><br>', '<a href="x&amp;y&quot;">l</a><br>'],
    ['<ul><li>a<li>b</ul>', '<ul><li>a</li><li>b</li></ul>'],
  ])('%s', (html, expected) => {
    expect(serializeHtml(parseHtml(html))).toBe(expected);
  });
});

import { escapeDiscordMarkdown, type MatrixToDiscordContext, matrixToDiscord } from './matrix-to-discord';

const ctx: MatrixToDiscordContext = {
  remoteUserOf: (mxid) => (mxid === '@discord_1:hs' ? '1' : undefined),
  chatOfRoom: (room) => ({ '!room:hs': '7', '#portal:hs': '8' })[room],
};

describe('matrixToDiscord', () => {
  it.each([
    [
      'plain text is escaped',
      { text: '*not bold* _x_ ~~y~~ `z` ||s|| [a](b)' },
      '\\*not bold\\* \\_x\\_ \\~\\~y\\~\\~ \\`z\\` \\|\\|s\\|\\| \\[a\\](b)',
    ],
    [
      'line-start markers are escaped',
      { text: '> q\n# h\n- l\n1. o\n-# s' },
      '\\> q\n\\# h\n\\- l\n1\\. o\n\\-# s',
    ],
    ['markers mid-line stay', { text: 'a > b - c # d 1. e' }, 'a > b - c # d 1. e'],
    ['@everyone never pings', { text: '@everyone @here' }, '\\@everyone \\@here'],
    ['URLs are not escaped', { text: 'see https://a.com/a_b*c' }, 'see https://a.com/a_b*c'],
    ['mentions typed as text are escaped', { text: '<@1> <#7>' }, '\\<@1> \\<#7>'],
    [
      'bold, italic, underline, strike',
      { text: 'x', html: '<b>b</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> <del>d</del> <s>s</s>' },
      '**b** **s** *i* *e* __u__ ~~d~~ ~~s~~',
    ],
    ['text inside formatting is escaped', { text: 'x', html: '<b>a*b</b>' }, '**a\\*b**'],
    ['inline code is not escaped', { text: 'x', html: '<code>a*b</code>' }, '`a*b`'],
    ['inline code with a backtick', { text: 'x', html: '<code>a`b</code>' }, '``a`b``'],
    [
      'code block with language',
      { text: 'x', html: '<pre><code class="language-ts">a &lt; b\n</code></pre>' },
      '```ts\na < b\n```',
    ],
    [
      'code block without language',
      { text: 'x', html: 'before<pre><code>x</code></pre>after' },
      'before\n```\nx\n```\nafter',
    ],
    ['spoiler', { text: 'x', html: '<span data-mx-spoiler>s</span>' }, '||s||'],
    ['coloured span is its text', { text: 'x', html: '<span data-mx-color="#ff0000">r</span>' }, 'r'],
    ['paragraphs and breaks', { text: 'x', html: '<p>a</p><p>b<br>c</p>' }, 'a\nb\nc'],
    ['block quote', { text: 'x', html: '<blockquote><p>q</p><p>r</p></blockquote><p>x</p>' }, '> q\n> r\nx'],
    [
      'headings (Discord has three levels)',
      { text: 'x', html: '<h1>A</h1><h2>B</h2><h5>E</h5>' },
      '# A\n## B\n### E',
    ],
    [
      'lists, nested and numbered from start',
      { text: 'x', html: '<ul><li>a</li><li>b<ol start="3"><li>c</li></ol></li></ul>' },
      '- a\n- b\n  3. c',
    ],
    [
      'masked link',
      { text: 'x', html: '<a href="https://x.org/a_(b)">site</a>' },
      '[site](https://x.org/a_(b%29)',
    ],
    [
      'a link whose text is its URL',
      { text: 'x', html: '<a href="https://x.org">https://x.org</a>' },
      'https://x.org',
    ],
    ['non-http links are their text', { text: 'x', html: '<a href="mailto:a@b">mail me</a>' }, 'mail me'],
    [
      'user pills: bridged users become mentions, others their name',
      {
        text: 'x',
        html: '<a href="https://matrix.to/#/@discord_1:hs">Al</a>: hi <a href="https://matrix.to/#/@bob:hs">Bob</a>',
      },
      '<@1>: hi Bob',
    ],
    [
      'matrix: URI pills',
      { text: 'x', html: '<a href="matrix:u/discord_1:hs">Al</a> <a href="matrix:r/portal:hs">p</a>' },
      '<@1> <#8>',
    ],
    [
      'room pills: portals become channel mentions, others their text',
      {
        text: 'x',
        html: '<a href="https://matrix.to/#/!room:hs">room</a> <a href="https://matrix.to/#/!other:hs">Other</a>',
      },
      '<#7> Other',
    ],
    [
      'reply fallbacks are dropped',
      { text: 'x', html: '<mx-reply><blockquote>old</blockquote></mx-reply>new' },
      'new',
    ],
    ['images are their alt text', { text: 'x', html: '<img src="mxc://a/b" alt=":cat:">' }, ':cat:'],
    ['hr', { text: 'x', html: 'a<hr>b' }, 'a\n---\nb'],
    ['whitespace collapses', { text: 'x', html: '<p>\n  a\n  b\n</p>' }, 'a b'],
    ['a number after bold is not a list', { text: 'x', html: '<b>a</b>1. b' }, '**a**1. b'],
  ])('%s', (_name, content, expected) => {
    expect(matrixToDiscord(content, ctx)).toBe(expected);
  });

  it('escaping round-trips through Discord: every marker is a literal', () => {
    expect(escapeDiscordMarkdown('a\\b')).toBe('a\\\\b');
  });
});

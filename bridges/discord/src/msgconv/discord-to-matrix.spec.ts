import { type DiscordToMatrixContext, discordToMatrix } from './discord-to-matrix';

const ctx: DiscordToMatrixContext = {
  userMxid: (id) => ({ '1': '@discord_1:hs', '3': '@carol:hs' })[id],
  userName: (id) => ({ '1': 'Al<ice', '3': 'Carol' })[id],
  roleName: (id) => (id === '5' ? 'Mods' : undefined),
  channelRoom: (id) => (id === '7' ? '!room:hs' : null),
  channelName: (id) => ({ '7': 'general', '8': 'secret' })[id],
};

type Row = [
  string,
  string,
  { text: string; html?: string; mentionedUsers?: string[]; mentionsRoom?: boolean },
];

describe('discordToMatrix', () => {
  it.each<Row>([
    ['plain text has no HTML', 'hello', { text: 'hello' }],
    ['newlines alone need no HTML', 'a\nb', { text: 'a\nb' }],
    ['HTML is escaped', '**<b>&**', { text: '<b>&', html: '<strong>&lt;b&gt;&amp;</strong>' }],
    ['bold', '**b**', { text: 'b', html: '<strong>b</strong>' }],
    ['italic with *', '*i*', { text: 'i', html: '<em>i</em>' }],
    ['italic with _', '_i_', { text: 'i', html: '<em>i</em>' }],
    ['bold italic', '***bi***', { text: 'bi', html: '<strong><em>bi</em></strong>' }],
    ['underline', '__u__', { text: 'u', html: '<u>u</u>' }],
    ['strikethrough', '~~s~~', { text: 's', html: '<del>s</del>' }],
    [
      'spoiler: body omits the text',
      'a ||secret||',
      { text: 'a [Spoiler]', html: 'a <span data-mx-spoiler>secret</span>' },
    ],
    ['nested formatting', '**a _b_ c**', { text: 'a b c', html: '<strong>a <em>b</em> c</strong>' }],
    ['newline inside formatting', '**a\nb**', { text: 'a\nb', html: '<strong>a<br>b</strong>' }],
    ['underscores inside words are text', 'snake_case_word', { text: 'snake_case_word' }],
    ['lone asterisks are text', '2 * 3 * 4', { text: '2 * 3 * 4' }],
    ['escaped markers are text', '\\*not\\* \\_x\\_', { text: '*not* _x_' }],
    ['a backslash before a letter stays', 'C:\\dir', { text: 'C:\\dir' }],
    [
      'inline code is not parsed',
      '`**x** <@1>`',
      { text: '**x** <@1>', html: '<code>**x** &lt;@1&gt;</code>' },
    ],
    ['double-backtick code holds a backtick', '``a`b``', { text: 'a`b', html: '<code>a`b</code>' }],
    [
      'code block with language',
      '```js\nlet a = 1 < 2;\n```',
      { text: 'let a = 1 < 2;', html: '<pre><code class="language-js">let a = 1 &lt; 2;\n</code></pre>' },
    ],
    [
      'code block without language',
      '```\n**x**\n```',
      { text: '**x**', html: '<pre><code>**x**\n</code></pre>' },
    ],
    ['one-line code block', '```x y```', { text: 'x y', html: '<pre><code>x y\n</code></pre>' }],
    [
      'text after a code block',
      '```\nc\n```\nafter',
      { text: 'c\nafter', html: '<pre><code>c\n</code></pre>after' },
    ],
    [
      'block quote lines',
      '> a\n> b\nafter',
      { text: '> a\n> b\nafter', html: '<blockquote>a<br>b</blockquote>after' },
    ],
    ['>>> quotes the rest', '>>> a\nb', { text: '> a\n> b', html: '<blockquote>a<br>b</blockquote>' }],
    ['> without a space is text', '>no', { text: '>no' }],
    ['> mid-line is text', '5 > 3', { text: '5 > 3' }],
    ['headings 1-3', '# A\n## B\n### C', { text: 'A\nB\nC', html: '<h1>A</h1><h2>B</h2><h3>C</h3>' }],
    [
      'no empty line before a block',
      'a\n# H\n> q',
      { text: 'a\nH\n> q', html: 'a<h1>H</h1><blockquote>q</blockquote>' },
    ],
    ['#### is not a heading', '#### D', { text: '#### D' }],
    ['# mid-line is text', 'a # b', { text: 'a # b' }],
    ['subtext', '-# small', { text: 'small', html: '<sub>small</sub>' }],
    [
      'unordered list',
      '- a\n- **b**',
      { text: '- a\n- b', html: '<ul><li>a</li><li><strong>b</strong></li></ul>' },
    ],
    ['nested list', '- a\n  - b', { text: '- a\n  - b', html: '<ul><li>a<ul><li>b</li></ul></li></ul>' }],
    [
      'ordered list keeps its start',
      '3. x\n4. y',
      { text: '3. x\n4. y', html: '<ol start="3"><li>x</li><li>y</li></ol>' },
    ],
    ['masked link', '[site](https://x.org/a)', { text: 'site', html: '<a href="https://x.org/a">site</a>' }],
    [
      'masked link to a non-http scheme is text',
      '[x](javascript:alert(1))',
      { text: '[x](javascript:alert(1))' },
    ],
    ['bare URLs are not parsed as markdown', 'https://a.com/a_b_c*d*', { text: 'https://a.com/a_b_c*d*' }],
    ['<url> suppresses the embed only', '<https://a.com/x>', { text: 'https://a.com/x' }],
    [
      'user mentions become pills to the ghost',
      'hi <@1> and <@!3>',
      {
        text: 'hi Al<ice and Carol',
        html: 'hi <a href="https://matrix.to/#/@discord_1:hs">Al&lt;ice</a> and <a href="https://matrix.to/#/@carol:hs">Carol</a>',
        mentionedUsers: ['1', '3'],
      },
    ],
    ['a user without a Matrix ID is plain text', '<@2>', { text: '2', mentionedUsers: ['2'] }],
    ['repeated mentions are listed once', '<@2> <@2>', { text: '2 2', mentionedUsers: ['2'] }],
    ['roles are @Name', '<@&5> <@&6>', { text: '@Mods @deleted-role' }],
    [
      'bridged channels link to the portal',
      '<#7>',
      { text: '#general', html: '<a href="https://matrix.to/#/!room:hs">#general</a>' },
    ],
    ['other channels are #name', '<#8> <#9>', { text: '#secret #9' }],
    ['@everyone', '@everyone look', { text: '@everyone look', mentionsRoom: true }],
    ['@here', 'hey @here', { text: 'hey @here', mentionsRoom: true }],
    ['@everyone in code pings no one', '`@everyone`', { text: '@everyone', html: '<code>@everyone</code>' }],
    ['custom emoji', '<:wave:123> <a:dance:456>', { text: ':wave: :dance:' }],
    ['timestamps, default style', '<t:0>', { text: '1 January 1970 00:00 UTC' }],
    [
      'timestamps, styles',
      '<t:1700000000:t> <t:1700000000:d> <t:1700000000:F>',
      { text: '22:13 UTC 2023-11-14 Tuesday, 14 November 2023 22:13 UTC' },
    ],
    ['slash command mentions', '</ping:1>', { text: '/ping' }],
  ])('%s', (_name, input, expected) => {
    expect(discordToMatrix(input, ctx)).toEqual({ mentionedUsers: [], mentionsRoom: false, ...expected });
  });
});

import { sanitizeMatrixHtml } from './sanitize-html';

describe('sanitizeMatrixHtml', () => {
  it.each([
    [
      'allowed tags stay',
      '<b>b</b><i>i</i><del>d</del><h1>h</h1><pre><code>c</code></pre>',
      '<b>b</b><i>i</i><del>d</del><h1>h</h1><pre><code>c</code></pre>',
    ],
    ['event handlers and styles go', '<b onclick="x" style="font-size:99px">b</b>', '<b>b</b>'],
    ['script and style go with their content', '<script>alert(1)</script><style>b{}</style>t', 't'],
    ['mx-reply goes with its content', '<mx-reply><blockquote>old</blockquote></mx-reply>new', 'new'],
    ['unknown tags are unwrapped', '<foo>f<b>b</b></foo>', 'f<b>b</b>'],
    [
      'font becomes span with data-mx-color',
      '<font color="#ff0000">r</font>',
      '<span data-mx-color="#ff0000">r</span>',
    ],
    [
      'colours must be #rrggbb',
      '<span data-mx-color="red" data-mx-bg-color="#00ff00">x</span>',
      '<span data-mx-bg-color="#00ff00">x</span>',
    ],
    [
      'spoiler and maths attributes stay',
      '<span data-mx-spoiler="r">s</span><div data-mx-maths="x">x</div>',
      '<span data-mx-spoiler="r">s</span><div data-mx-maths="x">x</div>',
    ],
    [
      'links keep allowed schemes',
      '<a href="https://x.org" target="_blank" title="t">x</a>',
      '<a target="_blank" href="https://x.org">x</a>',
    ],
    [
      'javascript: and relative links lose href',
      '<a href="javascript:alert(1)">j</a><a href="/x">r</a>',
      '<a>j</a><a>r</a>',
    ],
    [
      'mailto and magnet are allowed',
      '<a href="mailto:a@b">m</a><a href="magnet:?x">g</a>',
      '<a href="mailto:a@b">m</a><a href="magnet:?x">g</a>',
    ],
    [
      'images only from mxc://',
      '<img src="https://x/a.png" alt="web"><img src="mxc://s/m" alt="ok" width="5" onerror="x">',
      'web<img width="5" alt="ok" src="mxc://s/m">',
    ],
    [
      'code class only language-*',
      '<code class="language-js">a</code><code class="evil">b</code>',
      '<code class="language-js">a</code><code>b</code>',
    ],
    [
      'ol start must be a number',
      '<ol start="3"><li>a</li></ol><ol start="x"><li>b</li></ol>',
      '<ol start="3"><li>a</li></ol><ol><li>b</li></ol>',
    ],
    ['text is re-escaped', 'a &lt;script&gt; &amp;', 'a &lt;script&gt; &amp;'],
  ])('%s', (_name, html, expected) => {
    expect(sanitizeMatrixHtml(html)).toBe(expected);
  });

  it('flattens tags nested more than 100 levels deep', () => {
    const html = `${'<b>'.repeat(105)}x${'</b>'.repeat(105)}`;
    expect(sanitizeMatrixHtml(html)).toBe(`${'<b>'.repeat(100)}x${'</b>'.repeat(100)}`);
  });
});

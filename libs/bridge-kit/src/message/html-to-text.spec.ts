import { htmlToPlainText } from './html-to-text';

describe('htmlToPlainText', () => {
  it.each([
    ['inline formatting is dropped', '<b>bold</b> <i>it</i> <code>c</code>', 'bold it c'],
    ['whitespace collapses like a browser', 'a  \n b <b> c</b>', 'a b c'],
    ['br is a newline', 'a<br>b<br/>c', 'a\nb\nc'],
    ['paragraphs are separated by a blank line', '<p>a</p><p>b</p>', 'a\n\nb'],
    ['headings are their own paragraph', '<h1>T</h1>text', 'T\n\ntext'],
    ['unordered lists', '<ul><li>a</li><li>b</li></ul>', '- a\n- b'],
    ['ordered lists honour start', '<ol start="3"><li>x</li><li>y</li></ol>', '3. x\n4. y'],
    ['nested lists are indented', '<ul><li>a<ul><li>b</li></ul></li></ul>', '- a\n  - b'],
    ['quotes get "> "', '<blockquote>q<br>r</blockquote>after', '> q\n> r\n\nafter'],
    ['pre keeps its whitespace', '<pre><code>  x\n  y\n</code></pre>', '  x\n  y'],
    [
      'tables become tab-separated rows',
      '<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>',
      'a\tb\n1\t2',
    ],
    ['spoilers hide their text', 'a <span data-mx-spoiler>secret</span>', 'a [Spoiler]'],
    ['spoiler reasons are kept', '<span data-mx-spoiler="plot">secret</span>', '[Spoiler for plot]'],
    ['images are their alt text', '<img src="mxc://a/b" alt="cat">', 'cat'],
    ['links are their text', '<a href="https://matrix.to/#/@a:hs">Alice</a>: hi', 'Alice: hi'],
    ['reply fallbacks are hidden', '<mx-reply><blockquote>old</blockquote></mx-reply>new', 'new'],
    ['entities are decoded', 'a &lt;b&gt; &amp;', 'a <b> &'],
    ['hr', 'a<hr>b', 'a\n---\nb'],
  ])('%s', (_name, html, expected) => {
    expect(htmlToPlainText(html)).toBe(expected);
  });
});

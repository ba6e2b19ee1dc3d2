import { stripReplyFallback } from './reply-fallback';

describe('stripReplyFallback', () => {
  it.each([
    [
      'legacy fallback in both',
      {
        body: '> <@a:hs> old\n> more\n\nnew',
        formatted_body: '<mx-reply><blockquote>old</blockquote></mx-reply>new',
      },
      { body: 'new', formatted_body: 'new' },
    ],
    ['legacy emote fallback, plain only', { body: '> * <@a:hs> waves\n\nhi' }, { body: 'hi' }],
    ['plain-only legacy fallback', { body: '> <@a:hs> old\n\nnew\n> kept' }, { body: 'new\n> kept' }],
    [
      "no fallback (v1.13+): a leading quote is the user's own",
      { body: '> my quote\n\nreply' },
      { body: '> my quote\n\nreply' },
    ],
    [
      'HTML without mx-reply: the body is left alone too',
      { body: '> quote\nreply', formatted_body: '<blockquote>quote</blockquote>reply' },
      { body: '> quote\nreply', formatted_body: '<blockquote>quote</blockquote>reply' },
    ],
    [
      'mx-reply only at the start counts',
      { body: 'x', formatted_body: 'x<mx-reply>y</mx-reply>' },
      { body: 'x', formatted_body: 'x<mx-reply>y</mx-reply>' },
    ],
    [
      'case and leading whitespace',
      { body: '> <@a:hs> o\n\nn', formatted_body: '  <MX-REPLY>o</MX-REPLY><b>n</b>' },
      { body: 'n', formatted_body: '<b>n</b>' },
    ],
    ['a reply with an empty remainder', { body: '> <@a:hs> old' }, { body: '' }],
  ])('%s', (_name, input, expected) => {
    expect(stripReplyFallback(input)).toEqual(expected);
  });
});

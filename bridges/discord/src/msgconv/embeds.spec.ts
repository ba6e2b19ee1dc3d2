import { embedsToMatrix, type DiscordEmbed } from './embeds';
import { stickerToAttachment } from './sticker';

describe('embedsToMatrix', () => {
  it.each<[string, DiscordEmbed[], ReturnType<typeof embedsToMatrix>]>([
    ['no embeds', [], { text: '', attachments: [] }],
    [
      'link previews are dropped',
      [
        { type: 'link', url: 'https://x.org', title: 'X' },
        { type: 'article', title: 'A' },
      ],
      { text: '', attachments: [] },
    ],
    [
      'a rich embed becomes a quote',
      [
        {
          type: 'rich',
          author: { name: 'Bot', url: 'https://bot' },
          title: 'T',
          url: 'https://t',
          description: '**d**',
          fields: [{ name: 'F', value: 'v' }],
          footer: { text: 'foot' },
        },
      ],
      {
        text: '> Bot\n> T (https://t)\n> d\n> F: v\n> foot',
        html: '<blockquote><p><a href="https://bot">Bot</a></p><p><strong><a href="https://t">T</a></strong></p><p><strong>d</strong></p><p><strong>F</strong><br>v</p><p><sub>foot</sub></p></blockquote>',
        attachments: [],
      },
    ],
    [
      'a rich embed image is an attachment',
      [
        {
          title: 'T<',
          image: { url: 'https://cdn/x/pic%201.png?ex=1', width: 10, height: 20, content_type: 'image/png' },
        },
      ],
      {
        text: '> T<',
        html: '<blockquote><p><strong>T&lt;</strong></p></blockquote>',
        attachments: [
          {
            kind: 'image',
            filename: 'pic 1.png',
            url: 'https://cdn/x/pic%201.png?ex=1',
            width: 10,
            height: 20,
            mimetype: 'image/png',
          },
        ],
      },
    ],
    [
      'an image embed is its image',
      [{ type: 'image', url: 'https://i/a.jpg', thumbnail: { url: 'https://p/a.jpg', width: 5, height: 6 } }],
      {
        text: '',
        attachments: [{ kind: 'image', filename: 'a.jpg', url: 'https://p/a.jpg', width: 5, height: 6 }],
      },
    ],
    [
      'a gifv embed is its video',
      [
        {
          type: 'gifv',
          url: 'https://tenor/x',
          thumbnail: { url: 'https://p/t.png' },
          video: { url: 'https://v/cat.mp4' },
        },
      ],
      { text: '', attachments: [{ kind: 'video', filename: 'cat.mp4', url: 'https://v/cat.mp4' }] },
    ],
    [
      'multiple rich embeds',
      [{ title: 'a' }, { description: 'b\nc' }],
      {
        text: '> a\n\n> b\n> c',
        html: '<blockquote><p><strong>a</strong></p></blockquote><blockquote><p>b<br>c</p></blockquote>',
        attachments: [],
      },
    ],
  ])('%s', (_name, embeds, expected) => {
    expect(embedsToMatrix(embeds)).toEqual(expected);
  });

  it('converts mentions in descriptions with the given context', () => {
    const ctx = {
      userMxid: () => '@g:hs',
      userName: () => 'G',
      roleName: () => undefined,
      channelRoom: () => null,
      channelName: () => undefined,
    };
    expect(embedsToMatrix([{ description: 'hi <@1>' }], ctx).html).toBe(
      '<blockquote><p>hi <a href="https://matrix.to/#/@g:hs">G</a></p></blockquote>',
    );
  });
});

describe('stickerToAttachment', () => {
  it.each([
    [
      1,
      {
        kind: 'sticker',
        filename: 'wave.png',
        mimetype: 'image/png',
        width: 320,
        height: 320,
        url: 'https://cdn.test/stickers/9.png',
      },
    ],
    [
      2,
      {
        kind: 'sticker',
        filename: 'wave.png',
        mimetype: 'image/apng',
        width: 320,
        height: 320,
        url: 'https://cdn.test/stickers/9.png',
      },
    ],
    [
      4,
      {
        kind: 'sticker',
        filename: 'wave.gif',
        mimetype: 'image/gif',
        width: 320,
        height: 320,
        url: 'https://cdn.test/stickers/9.gif',
      },
    ],
    [
      3,
      {
        kind: 'file',
        filename: 'wave.json',
        mimetype: 'application/json',
        url: 'https://cdn.test/stickers/9.json',
      },
    ],
  ])('format %i', (format, expected) => {
    expect(stickerToAttachment({ id: '9', name: 'wave', format_type: format }, 'https://cdn.test/')).toEqual(
      expected,
    );
  });

  it('defaults to the Discord CDN', () => {
    expect(stickerToAttachment({ id: '9', name: 'w', format_type: 1 }).url).toBe(
      'https://cdn.discordapp.com/stickers/9.png',
    );
  });
});

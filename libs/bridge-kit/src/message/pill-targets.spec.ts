import { matrixToLink, parseMatrixUri } from './matrix-uri';
import { pillTargets } from './pill-targets';

describe('parseMatrixUri', () => {
  it.each([
    ['https://matrix.to/#/@alice:example.org', { kind: 'user', id: '@alice:example.org' }],
    ['https://matrix.to/#/%40alice%3Aexample.org', { kind: 'user', id: '@alice:example.org' }],
    ['https://matrix.to/#/!room:example.org?via=elsewhere.ca', { kind: 'room', id: '!room:example.org' }],
    ['https://matrix.to/#/%23somewhere%3Aexample.org', { kind: 'room', id: '#somewhere:example.org' }],
    [
      'https://matrix.to/#/!room:example.org/$event?via=x',
      { kind: 'room', id: '!room:example.org', eventId: '$event' },
    ],
    ['matrix:u/alice:example.org?action=chat', { kind: 'user', id: '@alice:example.org' }],
    ['matrix:r/somewhere:example.org', { kind: 'room', id: '#somewhere:example.org' }],
    ['matrix:roomid/somewhere:example.org?via=elsewhere.ca', { kind: 'room', id: '!somewhere:example.org' }],
    [
      'matrix:roomid/somewhere:example.org/e/event?via=elsewhere.ca',
      { kind: 'room', id: '!somewhere:example.org', eventId: '$event' },
    ],
    ['matrix://authority/u/alice:example.org', { kind: 'user', id: '@alice:example.org' }],
    ['https://example.org/@alice:example.org', undefined],
    ['https://matrix.to/#/@nocolon', undefined],
    ['matrix:x/alice:example.org', undefined],
    ['https://matrix.to/#/%E0%A4%A', undefined],
  ])('%s', (href, expected) => {
    expect(parseMatrixUri(href)).toEqual(expected);
  });

  it.each([
    ['@alice:example.org', 'https://matrix.to/#/@alice:example.org'],
    ['!room:example.org', 'https://matrix.to/#/!room:example.org'],
    ['#alias:example.org', 'https://matrix.to/#/%23alias:example.org'],
  ])('matrixToLink(%s) round-trips', (id, link) => {
    expect(matrixToLink(id)).toBe(link);
    expect(parseMatrixUri(link)).toMatchObject({ id });
  });
});

describe('pillTargets', () => {
  it('finds users and rooms in order, once each, from both URI forms', () => {
    const html =
      '<a href="https://matrix.to/#/@a:hs">A</a> <a href="matrix:r/b:hs">b</a> <a href="matrix:u/c:hs">c</a> ' +
      '<a href="https://matrix.to/#/@a:hs">again</a> <a href="https://matrix.to/#/!r:hs/$e">event</a> ' +
      '<a href="https://example.org">web</a> <b>https://matrix.to/#/@not:link</b>';
    expect(pillTargets(html)).toEqual({ users: ['@a:hs', '@c:hs'], rooms: ['#b:hs', '!r:hs'] });
  });

  it('finds nothing in plain HTML', () => {
    expect(pillTargets('<p>hi</p>')).toEqual({ users: [], rooms: [] });
  });
});

import { extractOpenGraph } from './open-graph';

describe('extractOpenGraph', () => {
  it('reads og: properties from the head, first one wins, entities decoded', () => {
    const html = `<html><head>
      <meta property="og:title" content="Tom &amp; Jerry">
      <meta content='second' property='og:title'>
      <meta property=og:type content=video.movie>
      </head><body><meta property="og:image" content="late.png"></body></html>`;
    expect(extractOpenGraph(html)).toEqual({ 'og:title': 'Tom & Jerry', 'og:type': 'video.movie' });
  });

  it('falls back to <title> and the description meta', () => {
    const html = '<head><title> A page </title><meta name="Description" content="About &#x263A;"></head>';
    expect(extractOpenGraph(html)).toEqual({ 'og:title': 'A page', 'og:description': 'About \u263a' });
  });

  it('is empty for a page with nothing to say', () => {
    expect(extractOpenGraph('<p>hello</p>')).toEqual({});
  });
});

import { buildMultipart, parseMultipart } from './multipart-mixed';

describe('multipart/mixed (server-server-api "Content Repository" answers)', () => {
  it('round-trips parts, binary bodies included', () => {
    const bytes = Buffer.from([0, 13, 10, 45, 45, 255, 13, 10]);
    const { contentType, body } = buildMultipart([
      { headers: { 'Content-Type': 'application/json' }, body: Buffer.from('{}') },
      { headers: { 'Content-Type': 'image/png', 'Content-Disposition': 'inline' }, body: bytes },
    ]);
    expect(contentType).toMatch(/^multipart\/mixed; boundary=[0-9a-f]{32}$/);
    const parts = parseMultipart(contentType, body);
    expect(parts?.map((p) => p.headers)).toEqual([
      { 'content-type': 'application/json' },
      { 'content-type': 'image/png', 'content-disposition': 'inline' },
    ]);
    expect(parts?.[1].body.equals(bytes)).toBe(true);
  });

  it('reads a quoted boundary, a part without headers and a Location part', () => {
    const body = Buffer.from(
      '--abc\r\n\r\n{}\r\n--abc\r\nLocation: https://cdn.example/file\r\n\r\n\r\n--abc--\r\n',
    );
    const parts = parseMultipart('multipart/mixed; boundary="abc"', body);
    expect(parts).toEqual([
      { headers: {}, body: Buffer.from('{}') },
      { headers: { location: 'https://cdn.example/file' }, body: Buffer.alloc(0) },
    ]);
  });

  it('is undefined for another type, a missing boundary or a truncated body', () => {
    expect(parseMultipart('application/json', Buffer.from('{}'))).toBeUndefined();
    expect(parseMultipart('multipart/mixed', Buffer.from('--x\r\n\r\n{}'))).toBeUndefined();
    expect(parseMultipart('multipart/mixed; boundary=x', Buffer.from('--x\r\n\r\n{}'))).toBeUndefined();
  });
});

import { escapeLocalpart, ghostLocalpart } from './ghost-localpart';

describe('ghostLocalpart', () => {
  it.each([
    ['discord_{id}', '123456789012345678', 'discord_123456789012345678'],
    ['{id}_slack', 'U01ABC', 'u01abc_slack'],
    ['email_{id}', 'Ann@Example.org', 'email_ann=40example.org'],
    ['x_{id}', 'a#b', 'x_a=23b'],
    ['x_{id}', 'á', 'x_=c3=a1'],
    ['x_{id}', 'a=b', 'x_a=3db'],
    ['x_{id}', 'a b:c', 'x_a=20b=3ac'],
    ['x_{id}', 'keep._-/', 'x_keep._-/'],
  ])('%s with %s -> %s', (template, id, expected) => {
    expect(ghostLocalpart(template, id)).toBe(expected);
  });

  it('only produces characters of the localpart grammar', () => {
    expect(escapeLocalpart('Ünïcödé 🙂 <script>')).toMatch(/^[a-z0-9._=\-/]+$/);
  });

  it('is injective on distinct lower-case inputs', () => {
    const ids = ['a=20', 'a ', 'a=3d20', 'a=', '=', '=3d'];
    expect(new Set(ids.map(escapeLocalpart)).size).toBe(ids.length);
  });
});

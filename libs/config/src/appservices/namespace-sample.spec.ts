import { anchoredNamespaceRegex, namespaceSample } from './namespace-sample';

describe('namespaceSample', () => {
  it.each([
    ['@_discord_.*', '@_discord_'],
    ['@_discord_.*:example\\.org', '@_discord_:example.org'],
    ['^@whatsapp_.+:example\\.org$', '@whatsapp_a:example.org'],
    ['@_discord_[0-9]+:example\\.org', '@_discord_0:example.org'],
    ['@irc_[^:]{2,}', '@irc_aa'],
    ['\\#telegram_\\d+?', '#telegram_0'],
    ['!abc:example\\.org', '!abc:example.org'],
    ['@[A-Z]\\w*', '@A'],
  ])('of %s is %s', (regex, sample) => {
    expect(namespaceSample(regex)).toBe(sample);
    expect(anchoredNamespaceRegex(regex).test(sample)).toBe(true);
  });

  it.each(['@(a|b)_.*', '@a_.*|@b_.*', '@x\\1', '[', '@a$b'])('gives up on %s', (regex) => {
    expect(namespaceSample(regex)).toBeUndefined();
  });
});

describe('anchoredNamespaceRegex', () => {
  it('matches from the start of the ID, not necessarily to its end', () => {
    expect(anchoredNamespaceRegex('@a_.*').test('@a_1:h')).toBe(true);
    expect(anchoredNamespaceRegex('@a_[0-9]').test('@a_1:h')).toBe(true);
    expect(anchoredNamespaceRegex('@a_.*').test('@b@a_1:h')).toBe(false);
    expect(anchoredNamespaceRegex('@a_.*|@b_.*').test('@c@b_1:h')).toBe(false);
  });
});

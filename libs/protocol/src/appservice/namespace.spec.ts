import { compileNamespaceRule, inExclusiveNamespace, inNamespace } from './namespace';

describe('application service namespaces', () => {
  const rules = [
    compileNamespaceRule({ regex: '@_discord_.*', exclusive: true }),
    compileNamespaceRule({ regex: '#irc_[a-z]+:example\\.org', exclusive: false }),
  ];

  it('match from the start of the ID, not necessarily to its end (as Synapse does)', () => {
    expect(inNamespace(rules, '@_discord_123:example.org')).toBe(true);
    expect(
      inNamespace([compileNamespaceRule({ regex: '@_discord_[0-9]+', exclusive: true })], '@_discord_1:h'),
    ).toBe(true);
    expect(inNamespace(rules, '@alice_discord_1:example.org')).toBe(false);
    expect(inNamespace(rules, '#irc_foo:example.org')).toBe(true);
    expect(inNamespace(rules, '#irc_foo:example.com')).toBe(false);
  });

  it('tell exclusive rules from shared ones', () => {
    expect(inExclusiveNamespace(rules, '@_discord_1:example.org')).toBe(true);
    expect(inExclusiveNamespace(rules, '#irc_foo:example.org')).toBe(false);
  });

  it('keep alternations inside the anchor', () => {
    const rule = compileNamespaceRule({ regex: '@a_.*|@b_.*', exclusive: false });
    expect(inNamespace([rule], '@b_1:h')).toBe(true);
    expect(inNamespace([rule], '@c@b_1:h')).toBe(false);
  });

  it('refuse a pattern that does not compile', () => {
    expect(() => compileNamespaceRule({ regex: '@(unclosed', exclusive: true })).toThrow(SyntaxError);
  });
});

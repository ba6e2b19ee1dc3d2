/**
 * The localpart for a name an identity provider gives, as Synapse maps it: lower case, and every
 * character outside `[=_\-./0-9a-z]` as `=` and its UTF-8 bytes in hex (`cas_user!` becomes
 * `cas_user=21`); a leading `_` is `=5f`.
 */
export function ssoLocalpart(name: string): string {
  let out = '';
  for (const byte of Buffer.from(name.toLowerCase(), 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[=_\-./0-9a-z]/.test(ch) ? ch : `=${byte.toString(16).padStart(2, '0')}`;
  }
  return out.replace(/^_/, '=5f');
}

/** Characters a ghost localpart keeps as they are (the user ID grammar, minus `=` which escapes). */
const KEPT = /^[a-z0-9._\-/]$/;

/**
 * The localpart of a remote user's ghost: `{id}` in `template` replaced by the remote ID mapped to
 * the localpart grammar as appendices "Mapping from other character sets" suggests: UTF-8, A-Z
 * lower-cased, then "any remaining bytes outside the allowed character set, as well as `=`, as their
 * hexadecimal value, prefixed with `=`" (`#` -> `=23`, `á` -> `=c3=a1`).
 */
export function ghostLocalpart(template: string, remoteId: string): string {
  return template.replace('{id}', escapeLocalpart(remoteId));
}

export function escapeLocalpart(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value.toLowerCase(), 'utf8')) {
    const char = String.fromCharCode(byte);
    out += byte < 0x80 && KEPT.test(char) ? char : `=${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

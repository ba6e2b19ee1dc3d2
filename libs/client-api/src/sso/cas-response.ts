/**
 * The user a CAS `proxyValidate` answer names (CAS protocol 2.0/3.0 `serviceResponse`):
 * `<cas:authenticationSuccess><cas:user>NAME</cas:user>...`, or null for a failure or anything
 * else.
 */
export function casUser(xml: string): string | null {
  const success = /<(?:\w+:)?authenticationSuccess\b[^>]*>([\s\S]*?)<\/(?:\w+:)?authenticationSuccess>/.exec(
    xml,
  );
  if (!success) return null;
  const user = /<(?:\w+:)?user\b[^>]*>([\s\S]*?)<\/(?:\w+:)?user>/.exec(success[1]);
  const name = user ? decodeXml(user[1].trim()) : '';
  return name === '' ? null : name;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

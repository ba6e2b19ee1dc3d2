/** Discord's limit on a message's content. */
const MAX_CONTENT = 2000;

/** Splits text at Discord's limit, preferring line breaks. */
export function splitContent(text: string): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > MAX_CONTENT) {
    const cut = rest.lastIndexOf('\n', MAX_CONTENT);
    const at = cut > MAX_CONTENT / 2 ? cut : MAX_CONTENT;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  parts.push(rest);
  return parts;
}

/** Webhook usernames: 1-80 characters, and Discord rejects ones containing "discord" or "clyde". */
export function webhookUsername(name: string): string {
  const cleaned = name
    .replace(/discord/gi, 'D1scord')
    .replace(/clyde/gi, 'Clyd3')
    .trim()
    .slice(0, 80);
  return cleaned.length > 0 ? cleaned : 'Matrix user';
}

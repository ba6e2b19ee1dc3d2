/** A message's body and formatted body, as in `m.room.message` content. */
export interface MessageBodies {
  body: string;
  formatted_body?: string;
}

const MX_REPLY = /^\s*<mx-reply>[\s\S]*?<\/mx-reply>/i;
/** The first line of the legacy plain fallback: `> <@alice:example.org> text` (or `> * <@...>` for emotes). */
const LEGACY_FIRST_LINE = /^> (?:\* )?<[@!#][^>\s]+> /;

/**
 * Removes a rich reply's fallback; call it only for events with `m.in_reply_to` ("Rich replies"):
 * "if the formatted_body begins with an <mx-reply> start tag, the client should remove the
 * entirety of the <mx-reply> element", and on the body "removing any lines that start with the
 * fallback prefix sequence (> , including the trailing space) and stopping when a line is
 * encountered without the prefix". Since v1.13 clients send no fallback, so a reply whose own text
 * starts with a quote must keep it: the body is stripped only when the HTML had an `<mx-reply>`,
 * or, without HTML, when its first line looks like a fallback (`> <@sender> ...`). The blank line
 * that separated the fallback from the reply goes too.
 */
export function stripReplyFallback(content: MessageBodies): MessageBodies {
  const html = content.formatted_body;
  const htmlHadFallback = html !== undefined && MX_REPLY.test(html);
  const bodyHasFallback = html === undefined ? LEGACY_FIRST_LINE.test(content.body) : htmlHadFallback;
  const body = bodyHasFallback ? stripBodyFallback(content.body) : content.body;
  if (html === undefined) return { body };
  return { body, formatted_body: htmlHadFallback ? html.replace(MX_REPLY, '') : html };
}

function stripBodyFallback(body: string): string {
  const lines = body.split('\n');
  let first = 0;
  while (first < lines.length && lines[first].startsWith('> ')) first++;
  if (first < lines.length && lines[first] === '') first++;
  return lines.slice(first).join('\n');
}

import { decodeEntities } from './html-entities';
import type { HtmlElement, HtmlNode } from './html-node.types';

/** Elements that never have content or an end tag. */
const VOID = new Set([
  'br',
  'hr',
  'img',
  'wbr',
  'input',
  'meta',
  'link',
  'area',
  'base',
  'col',
  'embed',
  'source',
  'track',
]);
/** Elements whose content is raw text up to their end tag (never markup). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);
/** A start tag of one of these closes an open element of the same kind (`<li>a<li>b`, `<p>a<p>b`). */
const SELF_CLOSING_SIBLINGS = new Set(['li', 'p', 'tr', 'td', 'th', 'option', 'dt', 'dd']);

/** "Tags must not be nested more than 100 levels deep": deeper start tags are dropped (text stays). */
const MAX_DEPTH = 100;

const TAG_NAME = /^[a-zA-Z][a-zA-Z0-9-]*/;
const ATTRIBUTE = /^([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/;

/**
 * Parses the HTML Matrix clients send in `formatted_body`. Tolerant like a browser, not a full
 * HTML5 parser: unknown end tags are ignored, unclosed elements close at the end of their parent,
 * comments and doctypes disappear, and a stray `<` that starts no tag is text.
 */
export function parseHtml(html: string): HtmlNode[] {
  const root: HtmlElement = { type: 'element', tag: '#root', attrs: {}, children: [] };
  const open: HtmlElement[] = [root];
  const top = (): HtmlElement => open[open.length - 1];
  let text = '';
  const flush = (): void => {
    if (text === '') return;
    const siblings = top().children;
    const last = siblings[siblings.length - 1];
    // Text around an ignored tag is one text node, as in a browser's DOM.
    if (last?.type === 'text') last.text += decodeEntities(text);
    else siblings.push({ type: 'text', text: decodeEntities(text) });
    text = '';
  };

  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text += html.slice(i);
      break;
    }
    text += html.slice(i, lt);
    i = lt;
    const next = html[i + 1];
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? html.length : end + 3;
    } else if (next === '!' || next === '?') {
      const end = html.indexOf('>', i);
      i = end < 0 ? html.length : end + 1;
    } else if (next === '/') {
      const name = TAG_NAME.exec(html.slice(i + 2));
      if (!name) {
        text += '<';
        i += 1;
        continue;
      }
      const end = html.indexOf('>', i);
      i = end < 0 ? html.length : end + 1;
      flush();
      closeElement(open, name[0].toLowerCase());
    } else {
      const parsed = parseStartTag(html, i);
      if (!parsed) {
        text += '<';
        i += 1;
        continue;
      }
      flush();
      i = parsed.end;
      // Also keeps the recursion of every tree walker bounded for hostile input.
      if (open.length > MAX_DEPTH && !RAW_TEXT.has(parsed.tag)) continue;
      const element: HtmlElement = { type: 'element', tag: parsed.tag, attrs: parsed.attrs, children: [] };
      if (SELF_CLOSING_SIBLINGS.has(element.tag) && top().tag === element.tag) open.pop();
      top().children.push(element);
      if (RAW_TEXT.has(element.tag)) {
        const close = html.toLowerCase().indexOf(`</${element.tag}`, i);
        const content = html.slice(i, close < 0 ? html.length : close);
        if (content !== '') element.children.push({ type: 'text', text: content });
        const end = close < 0 ? -1 : html.indexOf('>', close);
        i = end < 0 ? html.length : end + 1;
      } else if (!VOID.has(element.tag) && !parsed.selfClosing) {
        open.push(element);
      }
    }
  }
  flush();
  return root.children;
}

function closeElement(open: HtmlElement[], tag: string): void {
  for (let depth = open.length - 1; depth > 0; depth--) {
    if (open[depth].tag === tag) {
      open.length = depth;
      return;
    }
  }
}

function parseStartTag(
  html: string,
  start: number,
): { tag: string; attrs: Record<string, string>; selfClosing: boolean; end: number } | undefined {
  const name = TAG_NAME.exec(html.slice(start + 1));
  if (!name) return undefined;
  const attrs: Record<string, string> = {};
  let i = start + 1 + name[0].length;
  for (;;) {
    while (i < html.length && /\s/.test(html[i])) i++;
    if (i >= html.length) return { tag: name[0].toLowerCase(), attrs, selfClosing: false, end: i };
    if (html[i] === '>') return { tag: name[0].toLowerCase(), attrs, selfClosing: false, end: i + 1 };
    if (html.startsWith('/>', i)) return { tag: name[0].toLowerCase(), attrs, selfClosing: true, end: i + 2 };
    const attribute = ATTRIBUTE.exec(html.slice(i));
    if (!attribute) {
      i++;
      continue;
    }
    const key = attribute[1].toLowerCase();
    if (!(key in attrs)) attrs[key] = decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
    i += attribute[0].length;
  }
}

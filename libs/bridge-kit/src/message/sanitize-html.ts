import { parseHtml } from './html-parser';
import type { HtmlElement, HtmlNode } from './html-node.types';
import { serializeHtml } from './html-serializer';

/** "The strongly suggested set of HTML tags to permit" (m.room.message msgtypes, m.text). */
const ALLOWED_TAGS = new Set([
  'del',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'p',
  'a',
  'ul',
  'ol',
  'sup',
  'sub',
  'li',
  'b',
  'i',
  'u',
  'strong',
  'em',
  's',
  'code',
  'hr',
  'br',
  'div',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'caption',
  'pre',
  'span',
  'img',
  'details',
  'summary',
]);
/** Dropped with their content: it is not text a reader should see (and mx-reply is a reply fallback). */
const DROPPED_WITH_CONTENT = new Set([
  'mx-reply',
  'script',
  'style',
  'head',
  'title',
  'template',
  'iframe',
  'object',
  'noscript',
  'textarea',
  'select',
]);
const LINK_SCHEMES = /^(?:https?|ftp|mailto|magnet):/i;
const COLOR = /^#[0-9a-fA-F]{6}$/;
/** "Tags must not be nested more than 100 levels deep." */
const MAX_DEPTH = 100;

/**
 * Keeps only what the spec permits: allowed tags with their permitted attributes. Other tags are
 * unwrapped (their text stays), dangerous ones dropped with their content; the deprecated `font`
 * becomes the `span` that replaced it.
 */
export function sanitizeMatrixHtml(html: string): string {
  return serializeHtml(sanitizeNodes(parseHtml(html), 0));
}

function sanitizeNodes(nodes: HtmlNode[], depth: number): HtmlNode[] {
  const out: HtmlNode[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      out.push(node);
      continue;
    }
    if (DROPPED_WITH_CONTENT.has(node.tag)) continue;
    const tag = node.tag === 'font' ? 'span' : node.tag;
    if (!ALLOWED_TAGS.has(tag) || depth >= MAX_DEPTH) {
      out.push(...sanitizeNodes(node.children, depth));
      continue;
    }
    if (tag === 'img' && node.attrs.src?.startsWith('mxc://') !== true) {
      // An image that may not be shown keeps its description.
      if (node.attrs.alt) out.push({ type: 'text', text: node.attrs.alt });
      continue;
    }
    const element: HtmlElement = {
      type: 'element',
      tag,
      attrs: permittedAttributes(tag, node.attrs),
      children: [],
    };
    element.children = sanitizeNodes(node.children, depth + 1);
    out.push(element);
  }
  return out;
}

function permittedAttributes(tag: string, attrs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const keep = (key: string, ok: (value: string) => boolean = () => true): void => {
    const value = attrs[key];
    if (value !== undefined && ok(value)) out[key] = value;
  };
  switch (tag) {
    case 'span':
      keep('data-mx-bg-color', (v) => COLOR.test(v));
      keep('data-mx-color', (v) => COLOR.test(v));
      keep('data-mx-spoiler');
      keep('data-mx-maths');
      // `font color="#rrggbb"` (deprecated) means the same as data-mx-color.
      if (out['data-mx-color'] === undefined && attrs.color !== undefined && COLOR.test(attrs.color)) {
        out['data-mx-color'] = attrs.color;
      }
      break;
    case 'a':
      keep('target');
      // "provided the value is not relative and has a scheme matching one of: https, http, ftp, mailto, magnet"
      keep('href', (v) => LINK_SCHEMES.test(v.trim()));
      break;
    case 'img':
      for (const key of ['width', 'height', 'alt', 'title', 'src']) keep(key);
      break;
    case 'ol':
      keep('start', (v) => /^-?\d+$/.test(v));
      break;
    case 'code':
      keep('class', (v) => /^language-[\w+#.-]+$/.test(v));
      break;
    case 'div':
      keep('data-mx-maths');
      break;
  }
  return out;
}

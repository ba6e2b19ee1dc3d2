import { parseHtml } from './html-parser';
import type { HtmlNode } from './html-node.types';

/** Elements that start and end on their own line. */
const BLOCK = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'pre',
  'blockquote',
  'table',
  'thead',
  'tbody',
  'tr',
  'caption',
  'details',
  'summary',
  'hr',
]);
const HIDDEN = new Set(['mx-reply', 'script', 'style', 'head', 'title', 'template']);

/**
 * A plain-text rendering of Matrix HTML, for a `body` or a network without markup: whitespace
 * collapsed as a browser would (except in `pre`), blocks on their own lines, list items prefixed
 * with "- " or their number, quotes with "> ", table cells separated by tabs (the spec's suggested
 * fallback), images as their alt text, spoilers as "[Spoiler]" (their text is hidden on purpose).
 */
export function htmlToPlainText(html: string): string {
  const lines = render(parseHtml(html), false, '');
  return lines
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\s+$/g, '');
}

/** `before` is what precedes these nodes on the line ('' at the start of a block). */
function render(nodes: HtmlNode[], pre: boolean, before: string): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') {
      out += pre ? node.text : collapse(node.text, before + out);
      continue;
    }
    if (HIDDEN.has(node.tag)) continue;
    const block = BLOCK.has(node.tag);
    if (block && out !== '' && !out.endsWith('\n')) out += '\n';
    out += renderElement(node.tag, node.attrs, node.children, pre, block ? '' : before + out);
    if (block && !out.endsWith('\n')) out += '\n';
    if (
      ['p', 'pre', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table'].includes(node.tag)
    ) {
      out += '\n';
    }
  }
  return out;
}

function renderElement(
  tag: string,
  attrs: Record<string, string>,
  children: HtmlNode[],
  pre: boolean,
  before: string,
): string {
  switch (tag) {
    case 'br':
      return '\n';
    case 'hr':
      return '---';
    case 'img':
      return attrs.alt ?? attrs.title ?? '';
    case 'pre':
      return render(children, true, '').replace(/\n$/, '');
    case 'blockquote':
      return trimBlock(render(children, pre, ''))
        .split('\n')
        .map((line) => (line === '' ? '>' : `> ${line}`))
        .join('\n');
    case 'ul':
    case 'ol':
      return renderList(tag === 'ol', Number.parseInt(attrs.start ?? '1', 10) || 1, children, pre);
    case 'td':
    case 'th':
      return `${trimBlock(render(children, pre, ''))}\t`;
    case 'tr':
      return render(children, pre, '').replace(/\t$/, '');
    case 'span':
      return attrs['data-mx-spoiler'] !== undefined
        ? spoilerFallback(attrs['data-mx-spoiler'])
        : render(children, pre, before);
    default:
      return render(children, pre, before);
  }
}

function renderList(ordered: boolean, start: number, children: HtmlNode[], pre: boolean): string {
  const items: string[] = [];
  for (const child of children) {
    if (child.type !== 'element' || child.tag !== 'li') continue;
    const marker = ordered ? `${start + items.length}. ` : '- ';
    const [first, ...rest] = trimBlock(render(child.children, pre, '')).split('\n');
    items.push([marker + first, ...rest.map((line) => ' '.repeat(marker.length) + line)].join('\n'));
  }
  return items.join('\n');
}

/** "[Spoiler]" or "[Spoiler for <reason>]": the spec's body fallback omits the hidden text. */
export function spoilerFallback(reason: string): string {
  return reason ? `[Spoiler for ${reason}]` : '[Spoiler]';
}

function trimBlock(text: string): string {
  return text.replace(/^\n+|\s+$/g, '').replace(/\n{3,}/g, '\n\n');
}

/** Collapses whitespace runs to one space, dropping it at the start of a line or after a space. */
function collapse(text: string, before: string): string {
  const collapsed = text.replace(/[ \t\r\n\f]+/g, ' ');
  return before === '' || /[\n ]$/.test(before) ? collapsed.replace(/^ /, '') : collapsed;
}

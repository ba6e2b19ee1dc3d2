import type { HtmlNode } from './html-node.types';

const VOID = new Set(['br', 'hr', 'img']);

/** Writes a tree back as HTML: `&`, `<`, `>` escaped in text, `&` and `"` in attribute values. */
export function serializeHtml(nodes: HtmlNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') {
      out += node.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      continue;
    }
    out += `<${node.tag}`;
    for (const [key, value] of Object.entries(node.attrs)) {
      out += value === '' ? ` ${key}` : ` ${key}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
    }
    out += '>';
    if (VOID.has(node.tag)) continue;
    out += `${serializeHtml(node.children)}</${node.tag}>`;
  }
  return out;
}

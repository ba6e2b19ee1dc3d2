import { parseHtml } from './html-parser';
import type { HtmlNode } from './html-node.types';
import { parseMatrixUri } from './matrix-uri';

/**
 * The users and rooms a message's HTML links to, in order of first appearance, without repeats.
 * "User and room mentions": pills are `<a href>` links with a matrix.to or `matrix:` URI. Links to
 * an event in a room count as the room.
 */
export function pillTargets(html: string): { users: string[]; rooms: string[] } {
  const users = new Set<string>();
  const rooms = new Set<string>();
  const visit = (nodes: HtmlNode[]): void => {
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      if (node.tag === 'a' && node.attrs.href !== undefined) {
        const target = parseMatrixUri(node.attrs.href);
        if (target?.kind === 'user') users.add(target.id);
        if (target?.kind === 'room') rooms.add(target.id);
      }
      visit(node.children);
    }
  };
  visit(parseHtml(html));
  return { users: [...users], rooms: [...rooms] };
}

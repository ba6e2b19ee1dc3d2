import { escapeHtml, matrixToLink, spoilerFallback } from '@switchboard/bridge-kit';
import { type MdNode, parseDiscordMarkdown } from './discord-markdown';
import { formatDiscordTimestamp } from './timestamp';

/** What the converter needs to know about the IDs a message mentions (looked up beforehand). */
export interface DiscordToMatrixContext {
  /** The Matrix user standing for a Discord user (ghost or double puppet); undefined = no pill. */
  userMxid(userId: string): string | undefined;
  userName(userId: string): string | undefined;
  roleName(roleId: string): string | undefined;
  /** The portal room (ID or alias) of a Discord channel, if it is bridged. */
  channelRoom(channelId: string): string | null | undefined;
  channelName(channelId: string): string | undefined;
}

export interface DiscordToMatrixResult {
  /** The plain `body`. */
  text: string;
  /** The `formatted_body`; absent when the message has no formatting. */
  html?: string;
  /** Discord user IDs mentioned, in order, without repeats. */
  mentionedUsers: string[];
  /** @everyone or @here. */
  mentionsRoom: boolean;
}

/** Converts a Discord message's content to a Matrix body and HTML with pills. */
export function discordToMatrix(content: string, ctx: DiscordToMatrixContext): DiscordToMatrixResult {
  const nodes = parseDiscordMarkdown(content);
  const acc = { users: new Set<string>(), room: false, formatted: false };
  const html = renderHtml(nodes, ctx, acc);
  const text = renderText(nodes, ctx);
  const result: DiscordToMatrixResult = { text, mentionedUsers: [...acc.users], mentionsRoom: acc.room };
  if (acc.formatted) result.html = html;
  return result;
}

interface Accumulator {
  users: Set<string>;
  room: boolean;
  /** Whether anything needs HTML (plain text and line breaks do not). */
  formatted: boolean;
}

const BLOCKS = new Set(['quote', 'heading', 'subtext', 'list', 'codeblock']);

const TAGS = { bold: 'strong', italic: 'em', underline: 'u', strike: 'del', subtext: 'sub' } as const;

function renderHtml(nodes: MdNode[], ctx: DiscordToMatrixContext, acc: Accumulator): string {
  let out = '';
  for (const [index, node] of nodes.entries()) {
    switch (node.type) {
      case 'text':
        out += escapeHtml(node.text);
        break;
      case 'br':
        // A block element starts its own line already; a <br> before it would add an empty one.
        if (!BLOCKS.has(nodes[index + 1]?.type ?? '')) out += '<br>';
        break;
      case 'bold':
      case 'italic':
      case 'underline':
      case 'strike':
      case 'subtext':
        acc.formatted = true;
        out += `<${TAGS[node.type]}>${renderHtml(node.children, ctx, acc)}</${TAGS[node.type]}>`;
        break;
      case 'spoiler':
        acc.formatted = true;
        out += `<span data-mx-spoiler>${renderHtml(node.children, ctx, acc)}</span>`;
        break;
      case 'quote':
        acc.formatted = true;
        out += `<blockquote>${renderHtml(node.children, ctx, acc)}</blockquote>`;
        break;
      case 'heading':
        acc.formatted = true;
        out += `<h${node.level}>${renderHtml(node.children, ctx, acc)}</h${node.level}>`;
        break;
      case 'code':
        acc.formatted = true;
        out += `<code>${escapeHtml(node.text)}</code>`;
        break;
      case 'codeblock': {
        acc.formatted = true;
        const lang = node.lang ? ` class="language-${escapeHtml(node.lang)}"` : '';
        out += `<pre><code${lang}>${escapeHtml(node.text)}\n</code></pre>`;
        break;
      }
      case 'list': {
        acc.formatted = true;
        const tag = node.ordered ? 'ol' : 'ul';
        const start = node.ordered && node.start !== 1 ? ` start="${node.start}"` : '';
        out += `<${tag}${start}>${node.items.map((item) => `<li>${renderHtml(item, ctx, acc)}</li>`).join('')}</${tag}>`;
        break;
      }
      case 'link':
        acc.formatted = true;
        out += `<a href="${escapeHtml(node.url)}">${renderHtml(node.children, ctx, acc)}</a>`;
        break;
      case 'user': {
        acc.users.add(node.id);
        const mxid = ctx.userMxid(node.id);
        const name = escapeHtml(ctx.userName(node.id) ?? node.id);
        if (mxid === undefined) {
          out += `@${name}`;
        } else {
          acc.formatted = true;
          out += `<a href="${escapeHtml(matrixToLink(mxid))}">${name}</a>`;
        }
        break;
      }
      case 'channel': {
        const room = ctx.channelRoom(node.id);
        const name = escapeHtml(channelText(node.id, ctx));
        if (room) {
          acc.formatted = true;
          out += `<a href="${escapeHtml(matrixToLink(room))}">${name}</a>`;
        } else {
          out += name;
        }
        break;
      }
      case 'everyone':
        acc.room = true;
        out += `@${node.which}`;
        break;
      default:
        out += escapeHtml(inlineText(node, ctx));
    }
  }
  return out;
}

function renderText(nodes: MdNode[], ctx: DiscordToMatrixContext): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out += node.text;
        break;
      case 'br':
        out += '\n';
        break;
      case 'bold':
      case 'italic':
      case 'underline':
      case 'strike':
      case 'subtext':
      case 'link':
        out += renderText(node.children, ctx);
        break;
      case 'spoiler':
        // "The fallback SHOULD NOT include the text containing spoilers".
        out += spoilerFallback('');
        break;
      case 'heading':
        out += `${renderText(node.children, ctx)}\n`;
        break;
      case 'quote':
        out += `${renderText(node.children, ctx)
          .replace(/\n$/, '')
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n')}\n`;
        break;
      case 'code':
        out += node.text;
        break;
      case 'codeblock':
        out += `${node.text}\n`;
        break;
      case 'list':
        out += `${out === '' || out.endsWith('\n') ? '' : '\n'}${listText(node.ordered, node.start, node.items, ctx)}\n`;
        break;
      default:
        out += inlineText(node, ctx);
    }
  }
  return out.replace(/\n+$/, '');
}

function listText(ordered: boolean, start: number, items: MdNode[][], ctx: DiscordToMatrixContext): string {
  return items
    .map((item, i) => {
      const marker = ordered ? `${start + i}. ` : '- ';
      return (marker + renderText(item, ctx)).replace(/\n/g, `\n${' '.repeat(marker.length)}`);
    })
    .join('\n');
}

/** Mentions and tokens that are text on both sides. */
function inlineText(node: MdNode, ctx: DiscordToMatrixContext): string {
  switch (node.type) {
    case 'user':
      return ctx.userName(node.id) ?? node.id;
    case 'role':
      // Discord shows a role that no longer exists as "@deleted-role".
      return `@${ctx.roleName(node.id) ?? 'deleted-role'}`;
    case 'channel':
      return channelText(node.id, ctx);
    case 'everyone':
      return `@${node.which}`;
    case 'emoji':
      return `:${node.name}:`;
    case 'timestamp':
      return formatDiscordTimestamp(node.unix, node.style);
    case 'command':
      return `/${node.name}`;
    default:
      return '';
  }
}

function channelText(id: string, ctx: DiscordToMatrixContext): string {
  return `#${ctx.channelName(id) ?? id}`;
}

import { type HtmlNode, htmlToPlainText, parseHtml, parseMatrixUri } from '@switchboard/bridge-kit';

/** What the converter needs to map Matrix users and rooms to Discord ones. */
export interface MatrixToDiscordContext {
  /** The Discord user a Matrix user stands for (a ghost or a linked puppet). */
  remoteUserOf(mxid: string): string | undefined;
  /** The Discord channel a portal room (ID or alias) bridges. */
  chatOfRoom(roomIdOrAlias: string): string | undefined;
}

/** Characters Discord reads as markdown (or as a mention, emoji or masked link) anywhere. */
const INLINE = /([\\*_~`|[\]<])/g;
/** Quotes, headings and list markers only count at the start of a line. */
const BLOCK_MARKER = /(>|#{1,3} |-# |- |\d+(?=\. ))/.source;
const URL = /https?:\/\/[^\s<]+/g;

/**
 * Escapes plain text so Discord shows it as written; URLs are left alone (a backslash would break
 * them) and @everyone/@here are escaped so they never ping. `atLineStart` false: the text
 * continues a line (after a bold word, say), so its first character starts no block.
 */
export function escapeDiscordMarkdown(text: string, atLineStart = true): string {
  let out = '';
  let last = 0;
  for (const url of text.matchAll(URL)) {
    out += escapeRun(text.slice(last, url.index)) + url[0];
    last = (url.index ?? 0) + url[0].length;
  }
  out += escapeRun(text.slice(last));
  const marker = new RegExp(`${atLineStart ? '(^|\\n)' : '(\\n)'}${BLOCK_MARKER}`, 'g');
  // "1. " is escaped as "1\. " (a backslash before a digit would show).
  return out.replace(marker, (_m, nl: string, mark: string) =>
    /^\d/.test(mark) ? `${nl}${mark}\\` : `${nl}\\${mark}`,
  );
}

function escapeRun(text: string): string {
  return text.replace(INLINE, '\\$1').replace(/@(everyone|here)\b/g, '\\@$1');
}

/**
 * A Matrix message (body, optional HTML) as Discord markdown. User pills of bridged Discord users
 * become `<@id>`, other pills their display text; pills to portal rooms become `<#id>`. Plain
 * bodies are escaped, so a Matrix user's `*` stays a `*`.
 */
export function matrixToDiscord(
  content: { text: string; html?: string },
  ctx: MatrixToDiscordContext,
): string {
  if (content.html === undefined) return escapeDiscordMarkdown(content.text);
  return tidy(render(parseHtml(content.html), ctx, { pre: false, listDepth: 0 }));
}

interface State {
  pre: boolean;
  listDepth: number;
}

const WRAP: Record<string, string> = {
  b: '**',
  strong: '**',
  i: '*',
  em: '*',
  u: '__',
  s: '~~',
  del: '~~',
  strike: '~~',
};

function render(nodes: HtmlNode[], ctx: MatrixToDiscordContext, state: State): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') {
      out += state.pre
        ? node.text
        : escapeDiscordMarkdown(node.text.replace(/[ \t\r\n\f]+/g, ' '), block(out) === '');
      continue;
    }
    const inner = (s: State = state): string => render(node.children, ctx, s);
    switch (node.tag) {
      case 'mx-reply':
      case 'script':
      case 'style':
        break;
      case 'br':
        out += '\n';
        break;
      case 'p':
      case 'div':
        out += `${block(out)}${inner().trim()}\n`;
        break;
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        // Discord has three heading levels.
        out += `${block(out)}${'#'.repeat(Math.min(3, Number(node.tag[1])))} ${inner().trim()}\n`;
        break;
      case 'blockquote':
        out += `${block(out)}${inner()
          .trim()
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n')}\n`;
        break;
      case 'pre': {
        const code = node.children.find((c) => c.type === 'element' && c.tag === 'code');
        const lang =
          code?.type === 'element' ? (/^language-(\S+)/.exec(code.attrs.class ?? '')?.[1] ?? '') : '';
        const text = htmlToPlainText(`<pre>${rawHtml(node.children)}</pre>`);
        out += `${block(out)}\`\`\`${lang}\n${text.replace(/```/g, '`\u200b``')}\n\`\`\`\n`;
        break;
      }
      case 'code': {
        const text = plain(node.children);
        const fence = text.includes('`') ? '``' : '`';
        out += `${fence}${text}${fence}`;
        break;
      }
      case 'ul':
      case 'ol': {
        let n = Number.parseInt(node.attrs.start ?? '1', 10) || 1;
        const indent = '  '.repeat(state.listDepth);
        const items = node.children.filter((c) => c.type === 'element' && c.tag === 'li');
        const lines = items.map((item) => {
          const marker = node.tag === 'ol' ? `${n++}. ` : '- ';
          const text = render(item.type === 'element' ? item.children : [], ctx, {
            ...state,
            listDepth: state.listDepth + 1,
          });
          return `${indent}${marker}${text.trim()}`;
        });
        out += `${block(out)}${lines.join('\n')}\n`;
        break;
      }
      case 'hr':
        out += `${block(out)}---\n`;
        break;
      case 'img':
        out += escapeDiscordMarkdown(node.attrs.alt ?? node.attrs.title ?? '');
        break;
      case 'a':
        out += link(node.attrs.href ?? '', inner(), plain(node.children), ctx);
        break;
      case 'span':
        out += node.attrs['data-mx-spoiler'] !== undefined ? `||${inner()}||` : inner();
        break;
      default:
        out += WRAP[node.tag] !== undefined ? `${WRAP[node.tag]}${inner()}${WRAP[node.tag]}` : inner();
    }
  }
  return out;
}

function link(href: string, inner: string, text: string, ctx: MatrixToDiscordContext): string {
  const target = parseMatrixUri(href);
  if (target?.kind === 'user') {
    const remote = ctx.remoteUserOf(target.id);
    return remote !== undefined ? `<@${remote}>` : inner;
  }
  if (target?.kind === 'room') {
    const chat = ctx.chatOfRoom(target.id);
    return chat !== undefined ? `<#${chat}>` : inner;
  }
  if (!/^https?:\/\//i.test(href)) return inner;
  // A link whose text is its address needs no mask (Discord links it anyway).
  if (text.trim() === href || text.trim() === '') return href;
  return `[${inner}](${href.replace(/\)/g, '%29')})`;
}

/** A block starts on a new line. */
function block(before: string): string {
  return before === '' || before.endsWith('\n') ? '' : '\n';
}

function plain(nodes: HtmlNode[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.text : plain(n.children))).join('');
}

/** Re-escapes text nodes so htmlToPlainText can read the pre's content back. */
function rawHtml(nodes: HtmlNode[]): string {
  return nodes
    .map((n) =>
      n.type === 'text'
        ? n.text.replace(/&/g, '&amp;').replace(/</g, '&lt;')
        : n.tag === 'br'
          ? '\n'
          : rawHtml(n.children),
    )
    .join('');
}

function tidy(text: string): string {
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\s+$/g, '');
}

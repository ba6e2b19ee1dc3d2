/** Discord's markdown as a tree (https://support.discord.com/hc/en-us/articles/210298617). */
export type MdNode =
  | { type: 'text'; text: string }
  | { type: 'br' }
  | { type: 'bold' | 'italic' | 'underline' | 'strike' | 'spoiler' | 'quote' | 'subtext'; children: MdNode[] }
  | { type: 'heading'; level: number; children: MdNode[] }
  | { type: 'code'; text: string }
  | { type: 'codeblock'; lang?: string; text: string }
  | { type: 'list'; ordered: boolean; start: number; items: MdNode[][] }
  | { type: 'link'; url: string; children: MdNode[] }
  | { type: 'user' | 'role' | 'channel'; id: string }
  | { type: 'everyone'; which: 'everyone' | 'here' }
  | { type: 'emoji'; name: string; id: string; animated: boolean }
  | { type: 'timestamp'; unix: number; style: string }
  | { type: 'command'; name: string };

interface State {
  /** Block rules (quote, heading, list) apply only at the start of a line, and not inside a quote. */
  lineStart: boolean;
  inQuote: boolean;
}

type Rule = (src: string, state: State) => { node: MdNode | null; length: number } | undefined;

const inline =
  (type: 'bold' | 'italic' | 'underline' | 'strike' | 'spoiler', re: RegExp): Rule =>
  (src, state) => {
    const m = re.exec(src);
    if (!m) return undefined;
    return {
      node: { type, children: parseInline(m[1], { ...state, lineStart: false }) },
      length: m[0].length,
    };
  };

/**
 * ```lang\ncode``` (the language is the first line only when a newline follows it). The body must
 * hold something besides backticks and newlines. Searched with indexOf, not a regex, so a long run
 * of backticks costs linear time.
 */
function codeBlock(src: string): { node: MdNode; length: number } | undefined {
  if (!src.startsWith('```')) return undefined;
  const content = /[^\n`]/.exec(src.slice(3));
  if (!content) return undefined;
  const close = src.indexOf('```', 3 + content.index + 1);
  if (close < 0) return undefined;
  let body = src.slice(3, close);
  const lang = /^([a-zA-Z0-9_+#.-]+)\n/.exec(body);
  if (lang && /[^\n`]/.test(body.slice(lang[0].length))) body = body.slice(lang[0].length);
  const text = body.replace(/^\n+|\n+$/g, '');
  const node: MdNode =
    lang && body !== src.slice(3, close)
      ? { type: 'codeblock', lang: lang[1], text }
      : { type: 'codeblock', text };
  const end = close + 3;
  // The newline after a block belongs to it (the block already ends its line).
  return { node, length: end + (src[end] === '\n' ? 1 : 0) };
}

/** `code` or ``co`de``: a run of n backticks is closed by the next run of exactly n. */
function inlineCode(src: string): { node: MdNode; length: number } | undefined {
  const fence = /^`+/.exec(src)?.[0];
  if (!fence) return undefined;
  for (let at = src.indexOf(fence, fence.length + 1); at >= 0; at = src.indexOf(fence, at + 1)) {
    if (src[at - 1] === '`' || src[at + fence.length] === '`') continue;
    const text = src.slice(fence.length, at);
    return { node: { type: 'code', text: text.trim() || text }, length: at + fence.length };
  }
  return undefined;
}

/** Tried in order at each position; the first that matches wins (code before emphasis, like Discord). */
const RULES: Rule[] = [
  (src) => {
    const m = /^\\([^0-9A-Za-z\s])/.exec(src);
    return m ? { node: { type: 'text', text: m[1] }, length: m[0].length } : undefined;
  },
  codeBlock,
  (src, state) => {
    if (!state.lineStart || state.inQuote) return undefined;
    const rest = /^>>> ([\s\S]*)$/.exec(src);
    if (rest) return { node: { type: 'quote', children: parseBlocks(rest[1], true) }, length: src.length };
    const lines = /^(?:> [^\n]*(?:\n|$))+/.exec(src);
    if (!lines) return undefined;
    const body = lines[0]
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => line.slice(2))
      .join('\n');
    return { node: { type: 'quote', children: parseBlocks(body, true) }, length: lines[0].length };
  },
  (src, state) => {
    if (!state.lineStart) return undefined;
    const m = /^(#{1,3}) +([^\n]+)(?:\n|$)/.exec(src);
    if (m)
      return {
        node: { type: 'heading', level: m[1].length, children: parseInline(m[2], state) },
        length: m[0].length,
      };
    const sub = /^-# +([^\n]+)(?:\n|$)/.exec(src);
    if (sub)
      return { node: { type: 'subtext', children: parseInline(sub[1], state) }, length: sub[0].length };
    return undefined;
  },
  (src, state) => (state.lineStart ? parseList(src, state) : undefined),
  inlineCode,
  (src) => {
    const m = /^<(a?):(\w{2,32}):(\d+)>/.exec(src);
    return m
      ? { node: { type: 'emoji', animated: m[1] === 'a', name: m[2], id: m[3] }, length: m[0].length }
      : undefined;
  },
  (src) => {
    const m = /^<(@!?|@&|#)(\d+)>/.exec(src);
    if (!m) return undefined;
    const type = m[1] === '#' ? 'channel' : m[1] === '@&' ? 'role' : 'user';
    return { node: { type, id: m[2] }, length: m[0].length };
  },
  (src) => {
    const m = /^<t:(-?\d{1,13})(?::([tTdDfFR]))?>/.exec(src);
    return m
      ? { node: { type: 'timestamp', unix: Number(m[1]), style: m[2] ?? 'f' }, length: m[0].length }
      : undefined;
  },
  (src) => {
    const m = /^<\/([\w-]+(?: [\w-]+){0,2}):\d+>/.exec(src);
    return m ? { node: { type: 'command', name: m[1] }, length: m[0].length } : undefined;
  },
  (src) => {
    const m = /^@(everyone|here)\b/.exec(src);
    return m
      ? { node: { type: 'everyone', which: m[1] as 'everyone' | 'here' }, length: m[0].length }
      : undefined;
  },
  (src, state) => {
    const m = /^\[([^\]\n]+)\]\(<?(https?:\/\/[^\s)>]+)>?\)/.exec(src);
    if (!m) return undefined;
    return {
      node: { type: 'link', url: m[2], children: parseInline(m[1], { ...state, lineStart: false }) },
      length: m[0].length,
    };
  },
  (src) => {
    // <url> only suppresses the embed; a bare URL is text that must not be read as markdown.
    const m = /^<(https?:\/\/[^\s>]+)>/.exec(src) ?? /^https?:\/\/[^\s<]*[^\s<.,:;"')\]!?]/.exec(src);
    return m ? { node: { type: 'text', text: m[1] ?? m[0] }, length: m[0].length } : undefined;
  },
  inline('spoiler', /^\|\|([\s\S]+?)\|\|/),
  inline('bold', /^\*\*([\s\S]+?)\*\*(?!\*)/),
  inline('underline', /^__([\s\S]+?)__(?!_)/),
  inline('italic', /^\*(?=\S)((?:\*\*|\\[\s\S]|\s+(?:\\[\s\S]|[^\s*\\]|\*\*)|[^\s*\\])+?)\*(?!\*)/),
  inline('italic', /^_((?:__|\\[\s\S]|[^\\_])+?)_(?![A-Za-z0-9_])/),
  inline('strike', /^~~([\s\S]+?)~~/),
  (src) => (src[0] === '\n' ? { node: { type: 'br' }, length: 1 } : undefined),
];

/** Characters at which some rule may start; text runs stop before them. */
const SPECIAL = /[\\`<@[h*_~|\n:#>\-0-9]/;

/** Parses a whole message (block rules on). */
export function parseDiscordMarkdown(src: string): MdNode[] {
  return parseBlocks(src, false);
}

function parseBlocks(src: string, inQuote: boolean): MdNode[] {
  return parseWith(src, { lineStart: true, inQuote });
}

function parseInline(src: string, state: State): MdNode[] {
  return parseWith(src, { ...state, lineStart: false });
}

function parseWith(src: string, initial: State): MdNode[] {
  const out: MdNode[] = [];
  let state = initial;
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    let matched = false;
    for (const rule of RULES) {
      const result = rule(rest, state);
      if (!result) continue;
      if (result.node) push(out, result.node);
      const consumed = src.slice(i, i + result.length);
      i += result.length;
      state = {
        ...state,
        lineStart: consumed.endsWith('\n') || (initial.lineStart && result.node?.type === 'br'),
      };
      matched = true;
      break;
    }
    if (matched) continue;
    // Plain text up to the next character that might start a rule (always at least one character).
    let end = i + 1;
    while (end < src.length && !SPECIAL.test(src[end])) end++;
    push(out, { type: 'text', text: src.slice(i, end) });
    i = end;
    state = { ...state, lineStart: false };
  }
  return out;
}

function push(out: MdNode[], node: MdNode): void {
  const last = out[out.length - 1];
  if (node.type === 'text' && last?.type === 'text') last.text += node.text;
  else out.push(node);
}

const LIST_ITEM = /^( *)([-*]|(\d{1,9})\.) +([^\n]*)(?:\n|$)/;

/** Consecutive "- item" / "1. item" lines; deeper-indented items make a nested list. */
function parseList(src: string, state: State): { node: MdNode; length: number } | undefined {
  const first = LIST_ITEM.exec(src);
  if (!first || first[1].length > 0) return undefined;
  const ordered = first[3] !== undefined;
  const items: { indent: number; text: string }[] = [];
  let length = 0;
  for (;;) {
    const m = LIST_ITEM.exec(src.slice(length));
    if (!m || (m[1].length === 0 && (m[3] !== undefined) !== ordered)) break;
    items.push({ indent: m[1].length, text: m[4] });
    length += m[0].length;
  }
  return { node: buildList(items, 0, ordered, Number(first[3] ?? 1), state).node, length };
}

function buildList(
  items: { indent: number; text: string }[],
  from: number,
  ordered: boolean,
  start: number,
  state: State,
): { node: MdNode; next: number } {
  const out: MdNode[][] = [];
  const base = items[from].indent;
  let i = from;
  while (i < items.length && items[i].indent >= base) {
    if (items[i].indent > base && out.length > 0) {
      const nested = buildList(items, i, ordered, 1, state);
      out[out.length - 1].push(nested.node);
      i = nested.next;
      continue;
    }
    out.push(parseInline(items[i].text, state));
    i++;
  }
  return { node: { type: 'list', ordered, start, items: out }, next: i };
}

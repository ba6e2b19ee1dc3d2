/** What a preview says about a page, keyed as OpenGraph does (`og:title`, ...). */
export type OpenGraph = Record<string, string>;

const META = /<meta\b[^>]*>/gi;
const ATTRIBUTE = /([a-zA-Z_:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;
const TITLE = /<title\b[^>]*>([^<]*)<\/title>/i;
const MAX_VALUE_LENGTH = 1000;

/**
 * The OpenGraph properties of an HTML page (https://ogp.me: `<meta property="og:..." content>`),
 * with the page's `<title>` and `<meta name="description">` standing in for og:title and
 * og:description when the page has none. A light scan of the `<head>`, not a full HTML parser:
 * previews are best effort.
 */
export function extractOpenGraph(html: string): OpenGraph {
  const headEnd = html.search(/<\/head\s*>/i);
  const head = headEnd >= 0 ? html.slice(0, headEnd) : html;
  const og: OpenGraph = {};
  let description: string | undefined;
  for (const [tag] of head.matchAll(META)) {
    const attributes = attributesOf(tag);
    const key = attributes.property ?? attributes.name;
    const content = attributes.content;
    if (key === undefined || content === undefined) continue;
    if (key.startsWith('og:') && !(key in og)) og[key] = clip(content);
    if (key.toLowerCase() === 'description') description ??= clip(content);
  }
  if (og['og:title'] === undefined) {
    const title = TITLE.exec(head)?.[1];
    if (title?.trim()) og['og:title'] = clip(decodeEntities(title.trim()));
  }
  if (og['og:description'] === undefined && description) og['og:description'] = description;
  return og;
}

function attributesOf(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const m of tag.matchAll(ATTRIBUTE)) {
    attributes[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attributes;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code =
        entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function clip(value: string): string {
  return value.length > MAX_VALUE_LENGTH ? value.slice(0, MAX_VALUE_LENGTH) : value;
}

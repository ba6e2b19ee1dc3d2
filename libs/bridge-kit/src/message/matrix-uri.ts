/** What a matrix.to link or `matrix:` URI points at (appendices, "Uniform Resource Identifiers"). */
export type MatrixUriTarget = { kind: 'user'; id: string } | { kind: 'room'; id: string; eventId?: string };

const MATRIX_TO = /^https:\/\/matrix\.to\/#\/([^?]*)/i;
/** `matrix:` URI type segments and the sigil each stands for. */
const SIGILS: Record<string, string> = { u: '@', r: '#', roomid: '!', e: '$' };

/** Parses a link target; undefined for anything that is not a Matrix user or room link. */
export function parseMatrixUri(href: string): MatrixUriTarget | undefined {
  const trimmed = href.trim();
  const matrixTo = MATRIX_TO.exec(trimmed);
  if (matrixTo) return fromIdentifiers(matrixTo[1].split('/').map(safeDecode));
  if (/^matrix:/i.test(trimmed)) return fromMatrixScheme(trimmed.slice('matrix:'.length));
  return undefined;
}

function fromMatrixScheme(rest: string): MatrixUriTarget | undefined {
  // "matrix:[//{authority}/]{type}/{id without sigil}[/{type}/{id without sigil}...][?{query}][#{fragment}]"
  const path = rest.replace(/^\/\/[^/]*\//, '').split(/[?#]/)[0];
  const segments = path.split('/');
  const ids: string[] = [];
  for (let i = 0; i + 1 < segments.length; i += 2) {
    const sigil = SIGILS[segments[i]];
    if (sigil === undefined) return undefined;
    ids.push(sigil + safeDecode(segments[i + 1]));
  }
  return fromIdentifiers(ids);
}

function fromIdentifiers(ids: string[]): MatrixUriTarget | undefined {
  const [first, second] = ids;
  if (!first || !first.includes(':')) return undefined;
  if (first.startsWith('@')) return { kind: 'user', id: first };
  if (first.startsWith('!') || first.startsWith('#')) {
    return second?.startsWith('$')
      ? { kind: 'room', id: first, eventId: second }
      : { kind: 'room', id: first };
  }
  return undefined;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The matrix.to link for a user or room, as pills use it ("User and room mentions"). */
export function matrixToLink(id: string): string {
  // Sigils and the server separator stay readable, as clients write them; the rest is encoded.
  return `https://matrix.to/#/${encodeURIComponent(id).replace(/%40/g, '@').replace(/%3A/gi, ':')}`;
}

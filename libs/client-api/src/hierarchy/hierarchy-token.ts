import { MatrixError } from '@switchboard/protocol';

/** What a `from` token carries: the walk it continues and how many rooms earlier pages gave. */
export interface HierarchyPosition {
  root: string;
  suggestedOnly: boolean;
  maxDepth: number;
  offset: number;
}

export function encodeHierarchyToken(position: HierarchyPosition): string {
  const { root, suggestedOnly, maxDepth, offset } = position;
  return Buffer.from(JSON.stringify([root, suggestedOnly, maxDepth, offset])).toString('base64url');
}

/** 400 "The `from` token is unknown to the server" for anything encodeHierarchyToken did not make. */
export function decodeHierarchyToken(token: string): HierarchyPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    typeof parsed[0] !== 'string' ||
    typeof parsed[1] !== 'boolean' ||
    !Number.isSafeInteger(parsed[2]) ||
    !Number.isSafeInteger(parsed[3]) ||
    parsed[3] < 0
  ) {
    throw new MatrixError('M_INVALID_PARAM', 400, 'Unknown pagination token');
  }
  return { root: parsed[0], suggestedOnly: parsed[1], maxDepth: parsed[2], offset: parsed[3] };
}

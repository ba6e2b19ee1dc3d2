import { MatrixError } from '@switchboard/protocol';
import { ThumbnailRequest } from '@switchboard/rooms';

/** "The content repository SHOULD impose a maximum value for this parameter." */
const MAX_TIMEOUT_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 20_000;
const MAX_DIMENSION = 65535;

export interface FetchOptions {
  allowRemote: boolean;
  timeoutMs: number;
}

type Query = Record<string, unknown>;

/** `allow_remote` (default true) and `timeout_ms` (default 20000, at most 60000) of /download and /thumbnail. */
export function fetchOptions(query: Query): FetchOptions {
  return {
    allowRemote: booleanParam(query, 'allow_remote') ?? true,
    timeoutMs: Math.min(
      integerParam(query, 'timeout_ms', 0, Number.MAX_SAFE_INTEGER) ?? DEFAULT_TIMEOUT_MS,
      MAX_TIMEOUT_MS,
    ),
  };
}

/** `width`, `height` (required positive integers), `method` (default scale) and `animated` of /thumbnail. */
export function thumbnailRequest(query: Query): ThumbnailRequest {
  const width = integerParam(query, 'width', 1, MAX_DIMENSION);
  const height = integerParam(query, 'height', 1, MAX_DIMENSION);
  if (width === undefined || height === undefined) {
    throw new MatrixError('M_MISSING_PARAM', 400, 'width and height are required');
  }
  const method = query.method ?? 'scale';
  if (method !== 'crop' && method !== 'scale') {
    throw new MatrixError('M_INVALID_PARAM', 400, 'method must be "crop" or "scale"');
  }
  return {
    width,
    height,
    method: method as ThumbnailRequest['method'],
    animated: booleanParam(query, 'animated') ?? false,
  };
}

function integerParam(query: Query, name: string, min: number, max: number): number | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (
    typeof value !== 'string' ||
    !/^[0-9]{1,16}$/.test(value) ||
    Number(value) < min ||
    Number(value) > max
  ) {
    throw new MatrixError('M_INVALID_PARAM', 400, `${name} must be an integer from ${min} to ${max}`);
  }
  return Number(value);
}

function booleanParam(query: Query, name: string): boolean | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false')
    throw new MatrixError('M_INVALID_PARAM', 400, `${name} must be true or false`);
  return value === 'true';
}

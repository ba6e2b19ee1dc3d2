import { HttpException } from '@nestjs/common';
import { MatrixError } from '@switchboard/protocol';

/**
 * Every failure leaves the server as a Matrix error body. `unexpected` is true when the failure is a
 * bug (anything that is not a MatrixError or a known HTTP-layer error): those are logged with their
 * stack and answered with a plain M_UNKNOWN 500, so no stack trace ever reaches a client.
 */
export function toMatrixError(err: unknown): { error: MatrixError; unexpected: boolean } {
  if (err instanceof MatrixError) return { error: err, unexpected: false };
  const fastifyCode = (err as { code?: unknown } | null)?.code;
  if (typeof fastifyCode === 'string' && fastifyCode.startsWith('FST_')) {
    const known = fromFastify(fastifyCode);
    if (known) return { error: known, unexpected: false };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    if (status === 404)
      return { error: new MatrixError('M_UNRECOGNIZED', 404, 'Unrecognized request'), unexpected: false };
    if (status === 413) return { error: tooLarge(), unexpected: false };
    if (status < 500) return { error: new MatrixError('M_UNKNOWN', status, err.message), unexpected: false };
  }
  return { error: new MatrixError('M_UNKNOWN', 500, 'Internal server error'), unexpected: true };
}

function fromFastify(code: string): MatrixError | undefined {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return tooLarge();
    case 'FST_ERR_CTP_INVALID_JSON':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new MatrixError('M_NOT_JSON', 400, 'Content not JSON.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new MatrixError('M_UNKNOWN', 400, 'Content-Length does not match the body.');
    case 'FST_ERR_BAD_URL':
      return new MatrixError('M_UNRECOGNIZED', 400, 'Malformed URL.');
    default:
      return undefined;
  }
}

function tooLarge(): MatrixError {
  return new MatrixError('M_TOO_LARGE', 413, 'Request body too large.');
}

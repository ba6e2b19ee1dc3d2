/**
 * The one error type of Switchboard: a Matrix error code, the HTTP status it is sent with, and a
 * human-readable message. Rendered as `{"errcode": ..., "error": ...}` (client-server-api
 * "Standard error response"); `extra` carries fields some codes add (retry_after_ms, ...).
 */
export class MatrixError extends Error {
  constructor(
    readonly errcode: string,
    readonly status: number,
    message: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'MatrixError';
  }

  toJSON(): Record<string, unknown> {
    return { ...this.extra, errcode: this.errcode, error: this.message };
  }
}

import { ArgumentsHost, Catch, ExceptionFilter, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'pino';
import { MatrixError } from '@switchboard/protocol';
import { RouteTable } from './route-table';
import { toMatrixError } from './to-matrix-error';

/** The one place errors become HTTP responses (STYLE.md §0). */
@Catch()
export class MatrixExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly routes: RouteTable,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { error: mapped, unexpected } = toMatrixError(exception);
    const wrongMethod =
      exception instanceof NotFoundException && this.routes.methodsFor(request.url).length > 0;
    const error = wrongMethod
      ? new MatrixError('M_UNRECOGNIZED', 405, 'Unrecognized request: method not allowed')
      : mapped;
    if (unexpected) {
      this.logger.error({ err: exception, reqId: request.id, url: request.url }, 'unhandled error');
    }
    if (error.status === 405) reply.header('Allow', this.routes.methodsFor(request.url).join(', '));
    void reply.status(error.status).send(error.toJSON());
  }
}

import { createParamDecorator, ExecutionContext } from '@nestjs/common';

const ORIGIN = Symbol('switchboard.origin');

type WithOrigin = { [ORIGIN]?: string };

export function setOrigin(request: object, origin: string): void {
  (request as WithOrigin)[ORIGIN] = origin;
}

/** The server that signed the request, once XMatrixGuard verified it; undefined on other routes. */
export function originOf(request: object): string | undefined {
  return (request as WithOrigin)[ORIGIN];
}

/** `@Origin() origin: string` in a handler of an `x_matrix` endpoint: the authenticated origin server. */
export const Origin = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined =>
  originOf(context.switchToHttp().getRequest()),
);

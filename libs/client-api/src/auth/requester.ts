import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** Who made a request, as its access token says (set by AccessTokenGuard). */
export interface Requester {
  readonly userId: string;
  readonly deviceId: string;
  readonly isGuest: boolean;
  readonly accessTokenId: number;
}

const REQUESTER = Symbol('switchboard.requester');

type WithRequester = { [REQUESTER]?: Requester };

export function setRequester(request: object, requester: Requester): void {
  (request as WithRequester)[REQUESTER] = requester;
}

export function requesterOf(request: object): Requester | undefined {
  return (request as WithRequester)[REQUESTER];
}

/**
 * `@Requester() requester: Requester` in a handler of an `access_token` endpoint;
 * `Requester | undefined` in one of an `optional_access_token` endpoint.
 */
export const Requester = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Requester | undefined =>
    requesterOf(context.switchToHttp().getRequest()),
);

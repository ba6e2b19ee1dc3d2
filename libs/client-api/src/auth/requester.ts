import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** Who made a request, as its access token says (set by AccessTokenGuard). */
export interface Requester {
  readonly userId: string;
  /**
   * The device of the access token. An application service acting without `device_id` has none
   * (application-service-api "Identity assertion": "the request is being made without a device
   * ID"): NO_DEVICE.
   */
  readonly deviceId: string;
  readonly isGuest: boolean;
  /** The stored access token; null for an application service, whose as_token is in its registration. */
  readonly accessTokenId: number | null;
  /** Set when an application service made the request with its as_token, acting as `userId`. */
  readonly appserviceId?: string;
}

/** The device ID of a request an application service made without asserting a device. */
export const NO_DEVICE = '';

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

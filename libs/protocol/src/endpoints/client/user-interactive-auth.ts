import { MatrixError } from '../../errors/matrix-error';

/**
 * client-server-api "User-Interactive Authentication API": the `auth` dict a client submits
 * (definitions/auth_data.yaml). `type` "may be omitted if `session` is given"; the other keys
 * depend on the type.
 */
export interface AuthenticationData {
  type?: string;
  session?: string;
  [key: string]: unknown;
}

export interface AuthFlow {
  stages: string[];
}

/** The 401 body (definitions/auth_response.yaml). */
export interface AuthResponse {
  flows: AuthFlow[];
  params: Record<string, Record<string, unknown>>;
  session?: string;
  completed?: string[];
}

export const LOGIN_DUMMY = 'm.login.dummy';
export const LOGIN_PASSWORD = 'm.login.password';
export const LOGIN_REGISTRATION_TOKEN = 'm.login.registration_token';

/**
 * The 401 a UIA endpoint answers while stages remain. A first challenge carries no errcode ("The
 * homeserver returns an HTTP 401 response, with a JSON body" of flows, params and session); a
 * failed attempt at a stage adds "the standard `errcode` and `error` fields describing the error".
 */
export class AuthChallenge extends MatrixError {
  constructor(
    readonly body: AuthResponse,
    readonly failure?: { errcode: string; error: string },
  ) {
    super(
      failure?.errcode ?? 'M_UNAUTHORIZED',
      401,
      failure?.error ?? 'Additional authentication is required',
    );
  }

  override toJSON(): Record<string, unknown> {
    return this.failure ? { ...this.failure, ...this.body } : { ...this.body };
  }
}

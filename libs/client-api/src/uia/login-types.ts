/** client-server-api "Authentication types" and "Login" types beyond those protocol names. */
export const LOGIN_RECAPTCHA = 'm.login.recaptcha';
export const LOGIN_EMAIL_IDENTITY = 'm.login.email.identity';
export const LOGIN_SSO = 'm.login.sso';
export const LOGIN_TOKEN = 'm.login.token';
/** The pre-SSO name of CAS login that older clients (and SyTest) still look for in GET /login. */
export const LOGIN_CAS = 'm.login.cas';

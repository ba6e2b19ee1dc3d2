/**
 * How long things live. Constants until the configuration has keys for them.
 * - An access token issued with a refresh token expires after 5 minutes (Synapse's
 *   `refreshable_access_token_lifetime`); one issued without never expires.
 * - A User-Interactive Authentication session is usable for 15 minutes after it starts.
 * - A device's last_seen_ts/ip is written at most once a minute ("May be a few minutes out of
 *   date, for efficiency reasons").
 */
export const REFRESHABLE_ACCESS_TOKEN_LIFETIME_MS = 5 * 60_000;
export const UIA_SESSION_LIFETIME_MS = 15 * 60_000;
export const LAST_SEEN_INTERVAL_MS = 60_000;

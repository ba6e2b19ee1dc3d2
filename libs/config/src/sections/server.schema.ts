import { z } from 'zod';
import { isServerName, isUrlWithScheme, serverNameHost } from '../internal/grammar';
import { oneOf } from '../internal/schema-helpers';

export const ROOM_VERSIONS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;
export type RoomVersionId = (typeof ROOM_VERSIONS)[number];

/** pino's levels; 'silent' turns logging off. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const SERVER_NAME = 'a server name: hostname, IPv4 or [IPv6], optional :port (1-65535)';
const BASE_URL = 'an http:// or https:// URL without query or fragment';
const ROOM_VERSION = `${oneOf(ROOM_VERSIONS)} (quoted: a string)`;

function isBaseUrl(value: string): boolean {
  if (!isUrlWithScheme(value, ['http:', 'https:'])) return false;
  const url = new URL(value);
  return url.search === '' && url.hash === '';
}

/** Clients join paths onto the base URL, so it always ends with '/'. */
function withTrailingSlash(value: string): string {
  return value.endsWith('/') ? value : `${value}/`;
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1'];

/**
 * public_baseurl when the file has none: https://<server_name>/, except for a loopback name, which
 * only a local client reaches, straight at the default listener (plain HTTP).
 */
export function defaultPublicBaseurl(serverName: string): string {
  const scheme = LOOPBACK_HOSTS.includes(serverNameHost(serverName)) ? 'http' : 'https';
  return `${scheme}://${serverName}/`;
}

/** The top-level scalar keys. */
export const serverKeys = {
  server_name: z
    .string({ message: SERVER_NAME })
    .refine(isServerName, { message: SERVER_NAME })
    .describe('The name in every user, room and event ID. It cannot change once users exist.'),
  public_baseurl: z
    .string({ message: BASE_URL })
    .refine(isBaseUrl, { message: BASE_URL })
    .transform(withTrailingSlash)
    .optional()
    .describe(
      'The URL clients and other servers reach this server at (default https://<server_name>/, http for localhost).',
    ),
  data_dir: z
    .string({ message: 'a directory path' })
    .min(1, { message: 'a directory path' })
    .default('./data')
    .describe("Signing key, embedded database and media; relative to this file's directory."),
  default_room_version: z
    .enum(ROOM_VERSIONS, { message: ROOM_VERSION })
    .default('12')
    .describe('The room version of rooms created without one.'),
  log_level: z
    .enum(LOG_LEVELS, { message: oneOf(LOG_LEVELS) })
    .default('info')
    .describe(`Log verbosity: ${LOG_LEVELS.join(', ')}.`),
};

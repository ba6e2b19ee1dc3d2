import { isIP, isIPv4, isIPv6 } from 'node:net';

// libs/config may import nothing of ours (layering), so the few identifier rules the config needs
// live here rather than in libs/protocol. They follow the spec's appendix on identifiers.

const DNS_NAME = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/;
const DOTTED_DIGITS = /^[0-9.]+$/;
const PORT = /^[0-9]{1,5}$/;
// Historical user ID localparts: any printable ASCII but ':' (spec, "Historical user IDs").
const LOCALPART = /^[\x21-\x39\x3B-\x7E]+$/;
const MAX_USER_ID_LENGTH = 255;

/** server_name = hostname [ ":" port ]; hostname = IPv4address / "[" IPv6address "]" / dns-name. */
export function isServerName(value: string): boolean {
  const { host, port } = splitHostPort(value);
  if (port !== undefined && !isPort(port)) return false;
  if (host.startsWith('[')) return host.endsWith(']') && isIPv6(host.slice(1, -1));
  // The grammar's dns-name admits "999.1.1.1"; a name made only of digits and dots is meant as an
  // IPv4 address, so it has to be a real one.
  if (DOTTED_DIGITS.test(host)) return isIPv4(host);
  return host.length <= 255 && DNS_NAME.test(host);
}

/** The host part of a server name, without brackets: for telling loopback names apart. */
export function serverNameHost(serverName: string): string {
  const { host } = splitHostPort(serverName);
  return host.startsWith('[') ? host.slice(1, -1) : host;
}

function splitHostPort(value: string): { host: string; port?: string } {
  const colon = value.lastIndexOf(':');
  // A bare IPv6 literal has colons but no brackets; it is no server name, and splitting it at
  // the last colon would make "::1" look like host ":" port "1".
  if (
    colon === -1 ||
    value.lastIndexOf(']') > colon ||
    (!value.startsWith('[') && value.indexOf(':') !== colon)
  ) {
    return { host: value };
  }
  return { host: value.slice(0, colon), port: value.slice(colon + 1) };
}

function isPort(port: string): boolean {
  return PORT.test(port) && Number(port) >= 1 && Number(port) <= 65535;
}

/** "@localpart:server_name", at most 255 characters. Returns the server name, or null if malformed. */
export function userIdServerName(value: string): string | null {
  if (!value.startsWith('@') || value.length > MAX_USER_ID_LENGTH) return null;
  const colon = value.indexOf(':');
  if (colon === -1) return null;
  const localpart = value.slice(1, colon);
  const serverName = value.slice(colon + 1);
  return LOCALPART.test(localpart) && isServerName(serverName) ? serverName : null;
}

export function isIpAddress(value: string): boolean {
  return isIP(value) !== 0;
}

/** An IP address or a CIDR range: "10.0.0.0/8", "fd00::/8", "192.0.2.7". */
export function isIpRange(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash === -1) return isIpAddress(value);
  const family = isIP(value.slice(0, slash));
  const bits = value.slice(slash + 1);
  if (family === 0 || !/^[0-9]{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * A URL whose scheme is one of `schemes` (e.g. ['postgres:', 'postgresql:']). No host is required:
 * "postgresql:///db?host=/run/postgresql" (a Unix socket) is a valid database URL.
 */
export function isUrlWithScheme(value: string, schemes: readonly string[]): boolean {
  try {
    return schemes.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

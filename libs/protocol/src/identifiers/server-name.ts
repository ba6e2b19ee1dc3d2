import { MatrixError } from '../errors/matrix-error';
import { quote } from './quote';

export interface ServerName {
  /** The server name exactly as given (server names are case-sensitive: no normalising). */
  readonly serverName: string;
  /** The hostname part; an IPv6 literal keeps its brackets, as it is written in a Host header. */
  readonly host: string;
  readonly hostKind: 'dns' | 'ipv4' | 'ipv6';
  readonly port?: number;
}

export interface ServerNameOptions {
  /**
   * Also apply the appendix's recommendations (labels of letters, digits and inner hyphens, no
   * upper case, at most 230 characters). For names this server mints or is configured with, not
   * for names other servers already use.
   */
  readonly strict?: boolean;
}

const PORT = /^[0-9]{1,5}$/;
const DOTTED_QUAD = /^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$/;
const DNS_NAME = /^[A-Za-z0-9.-]{1,255}$/;
const IPV6_CHARS = /^[0-9A-Fa-f:.]{2,45}$/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const STRICT_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const RECOMMENDED_MAX_LENGTH = 230;

/**
 * Parses a server name (appendices "Server Name"):
 *
 *     server_name = hostname [ ":" port ]
 *     hostname    = IPv4address / "[" IPv6address "]" / dns-name
 *
 * Beyond the grammar, "IPv4 literals must be a sequence of four decimal numbers in the range 0 to
 * 255" and "IPv6 literals must be as specified by RFC3513, section 2.2", so both are checked, a
 * dotted quad is always taken as an IPv4 literal, and a port must fit in 16 bits.
 * Throws MatrixError(M_INVALID_PARAM, 400).
 */
export function parseServerName(serverName: string, options: ServerNameOptions = {}): ServerName {
  const parsed = tryParseServerName(serverName, options);
  if (typeof parsed === 'string') {
    throw new MatrixError('M_INVALID_PARAM', 400, `Invalid server name ${quote(serverName)}: ${parsed}`);
  }
  return parsed;
}

export function isValidServerName(serverName: string, options: ServerNameOptions = {}): boolean {
  return typeof tryParseServerName(serverName, options) !== 'string';
}

/** The parsed name, or why it is not one. */
export function tryParseServerName(
  serverName: unknown,
  options: ServerNameOptions = {},
): ServerName | string {
  if (typeof serverName !== 'string') return 'not a string';
  let host: string;
  let rest: string;
  let hostKind: ServerName['hostKind'];
  if (serverName.startsWith('[')) {
    const end = serverName.indexOf(']');
    if (end < 0) return 'unterminated IPv6 literal';
    if (!isIpv6Address(serverName.slice(1, end))) return 'invalid IPv6 literal';
    host = serverName.slice(0, end + 1);
    rest = serverName.slice(end + 1);
    hostKind = 'ipv6';
  } else {
    const colon = serverName.indexOf(':');
    host = colon < 0 ? serverName : serverName.slice(0, colon);
    rest = colon < 0 ? '' : serverName.slice(colon);
    if (DOTTED_QUAD.test(host)) {
      if (!isIpv4Address(host)) return 'IPv4 literal out of range';
      hostKind = 'ipv4';
    } else if (DNS_NAME.test(host)) {
      hostKind = 'dns';
    } else {
      return host === ''
        ? 'empty hostname'
        : 'hostname has characters other than letters, digits, "-" and "."';
    }
  }
  let port: number | undefined;
  if (rest !== '') {
    if (rest[0] !== ':' || !PORT.test(rest.slice(1))) return 'invalid port';
    port = Number(rest.slice(1));
    if (port > 65535) return 'port out of range';
  }
  if (options.strict) {
    const why = strictProblem(serverName, host, hostKind);
    if (why) return why;
  }
  return port === undefined ? { serverName, host, hostKind } : { serverName, host, hostKind, port };
}

function strictProblem(
  serverName: string,
  host: string,
  hostKind: ServerName['hostKind'],
): string | undefined {
  if (serverName.length > RECOMMENDED_MAX_LENGTH) return `longer than ${RECOMMENDED_MAX_LENGTH} characters`;
  if (serverName !== serverName.toLowerCase()) return 'has upper-case characters';
  if (hostKind === 'dns' && !host.split('.').every((label) => STRICT_LABEL.test(label))) {
    return 'not a series of dot-separated labels of letters, digits and inner hyphens';
  }
  return undefined;
}

export function isIpv4Address(address: string): boolean {
  return (
    typeof address === 'string' &&
    DOTTED_QUAD.test(address) &&
    address.split('.').every((part) => Number(part) <= 255)
  );
}

/** RFC 3513 section 2.2: eight groups, one `::` for a run of zero groups, an optional IPv4 tail. */
export function isIpv6Address(address: string): boolean {
  if (typeof address !== 'string' || !IPV6_CHARS.test(address)) return false;
  let text = address;
  const lastColon = text.lastIndexOf(':');
  if (lastColon < 0) return false;
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIpv4Address(tail)) return false;
    // The dotted quad stands for the last two 16-bit groups.
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const gap = text.indexOf('::');
  if (gap < 0) {
    const groups = text.split(':');
    return groups.length === 8 && groups.every((g) => HEX_GROUP.test(g));
  }
  if (text.indexOf('::', gap + 1) >= 0) return false;
  const before = gap === 0 ? [] : text.slice(0, gap).split(':');
  const after = gap + 2 === text.length ? [] : text.slice(gap + 2).split(':');
  return before.length + after.length <= 7 && [...before, ...after].every((g) => HEX_GROUP.test(g));
}

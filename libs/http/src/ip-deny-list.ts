import { lookup, LookupAddress } from 'node:dns';
import { BlockList, isIP, LookupFunction } from 'node:net';

/**
 * Addresses outbound requests (federation, URL previews) never connect to unless allowed: a remote
 * server name, SRV record or previewed URL that points at them would make this server probe its
 * own network. Synapse's default
 * ip_range_blacklist, plus "this network", the unspecified addresses, reserved space and broadcast.
 */
const DENIED: readonly string[] = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.88.99.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '::/128',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
  'fec0::/10',
  '2001:db8::/32',
  'ff00::/8',
];

/**
 * The private, loopback, link-local and multicast ranges (IPv4 and IPv6) minus an allowlist from the
 * config (`federation.ip_range_allowlist`, `media.url_preview_ip_range_allowlist`). IPv4-mapped
 * IPv6 addresses (::ffff:10.0.0.1) count as the IPv4 address they carry.
 */
export class IpDenyList {
  private readonly denied = blockList(DENIED);
  private readonly allowed: BlockList;

  /** `allowlist`: CIDR ranges or single addresses, as config validates them. */
  constructor(allowlist: readonly string[]) {
    this.allowed = blockList(allowlist);
  }

  /** Whether `address` (an IP literal without brackets) may not be connected to. */
  isDenied(address: string): boolean {
    const family = isIP(address);
    if (family === 0) return true;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    return this.denied.check(address, type) && !this.allowed.check(address, type);
  }

  /**
   * A DNS lookup for Node's sockets that drops denied addresses before connecting, so a hostname
   * can't smuggle a private address past the check (the address connected to is the one checked:
   * no second lookup). A name with only denied addresses fails with an error of code `deniedCode`.
   */
  lookup(deniedCode: string): LookupFunction {
    return (hostname, options, callback) => {
      lookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
        if (err) return callback(err, '', 0);
        const allowed = addresses.filter((a) => !this.isDenied(a.address));
        if (allowed.length === 0) {
          const denied = Object.assign(new Error(`${hostname} resolves only to denied addresses`), {
            code: deniedCode,
          });
          return callback(denied, '', 0);
        }
        if (options.all) return callback(null, allowed);
        callback(null, allowed[0].address, allowed[0].family);
      });
    };
  }
}

function blockList(ranges: readonly string[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) {
    const [address, bits] = range.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

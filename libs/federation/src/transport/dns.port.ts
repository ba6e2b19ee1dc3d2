import { resolveSrv } from 'node:dns/promises';

export interface SrvRecord {
  name: string;
  port: number;
  priority: number;
  weight: number;
}

/** The DNS queries server discovery makes itself; A/AAAA lookups happen when connecting. */
export interface FederationDns {
  /** The SRV records of `name`; empty when there are none (NXDOMAIN or no SRV data). */
  resolveSrv(name: string): Promise<SrvRecord[]>;
}

export const FEDERATION_DNS = Symbol('FEDERATION_DNS');

const NO_RECORDS = new Set(['ENOTFOUND', 'ENODATA']);

/** The system resolver, through node:dns/promises. */
export const systemDns: FederationDns = {
  async resolveSrv(name) {
    try {
      return await resolveSrv(name);
    } catch (err) {
      if (NO_RECORDS.has((err as NodeJS.ErrnoException).code ?? '')) return [];
      throw err;
    }
  },
};

export const DATA_SOURCE = Symbol('DATA_SOURCE');
/** Which database this process uses: 'postgres' (database.url) or 'pglite' (embedded). */
export const DATABASE_KIND = Symbol('DATABASE_KIND');
export type DatabaseKind = 'postgres' | 'pglite';
/** This server's ed25519 SigningKey (protocol), loaded from data_dir. */
export const SIGNING_KEY = Symbol('SIGNING_KEY');

export const DATA_SOURCE = Symbol('DATA_SOURCE');
/** Which database this process uses: 'postgres' (database.url) or 'pglite' (embedded). */
export const DATABASE_KIND = Symbol('DATABASE_KIND');
export type DatabaseKind = 'postgres' | 'pglite';

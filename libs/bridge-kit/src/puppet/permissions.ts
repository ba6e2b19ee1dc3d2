import { PermissionLevel } from '../config/bridge-config.schema';

const RANK: Record<PermissionLevel, number> = { relay: 1, user: 2, admin: 3 };

/** The level of a Matrix user: their user ID's entry, else their server's, else "*" (most specific wins). */
export function permissionOf(
  permissions: Record<string, PermissionLevel>,
  mxid: string,
): PermissionLevel | null {
  const server = mxid.slice(mxid.indexOf(':') + 1);
  return permissions[mxid] ?? permissions[server] ?? permissions['*'] ?? null;
}

export function hasPermission(
  permissions: Record<string, PermissionLevel>,
  mxid: string,
  needed: PermissionLevel,
): boolean {
  const level = permissionOf(permissions, mxid);
  return level !== null && RANK[level] >= RANK[needed];
}

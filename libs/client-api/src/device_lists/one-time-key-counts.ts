/**
 * The counts as /keys/upload and /sync give them. signed_curve25519 is always present, 0 when
 * none is left: "If an algorithm is not listed, the count for that algorithm is to be assumed
 * zero", but clients that read an absent count as "unknown" (Element) never upload more otherwise,
 * and Synapse always lists it.
 */
export function oneTimeKeyCounts(counts: Record<string, number>): Record<string, number> {
  return { signed_curve25519: 0, ...counts };
}

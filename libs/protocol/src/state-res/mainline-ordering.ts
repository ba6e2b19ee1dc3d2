import { compareEventIds } from './compare-event-ids';
import { EventSource } from './event-source';

const POWER_LEVELS = 'm.room.power_levels';

/**
 * v2-state-res "Mainline ordering" based on the power levels event `powerLevelsId` (none when the
 * partially resolved state has none: then every mainline position is ∞). Smallest first: x < y if
 * "the mainline position of x is **greater** than the mainline position of y", then by
 * `origin_server_ts`, then by `event_id`.
 */
export function mainlineOrdering(
  source: EventSource,
  eventIds: readonly string[],
  powerLevelsId: string | undefined,
): string[] {
  const mainline = new Map<string, number>();
  for (let p = powerLevelsId, i = 0; p !== undefined && !mainline.has(p); i++) {
    mainline.set(p, i);
    p = source.authEventOfType(p, POWER_LEVELS);
  }

  // Mainline position of an event reached as some e_j (j ≥ 1), shared by every event whose chain
  // of power levels auth events passes through it.
  const reached = new Map<string, number>();
  const positionFrom = (first: string | undefined): number => {
    const walked = new Set<string>();
    let position = Infinity;
    for (let e = first; e !== undefined; e = source.authEventOfType(e, POWER_LEVELS)) {
      const known = mainline.get(e) ?? reached.get(e);
      if (known !== undefined) {
        position = known;
        break;
      }
      // A forged v1/v2 cycle of power levels events would otherwise never end.
      if (walked.has(e)) break;
      walked.add(e);
    }
    for (const e of walked) reached.set(e, position);
    return position;
  };

  const keyed = eventIds.map((id) => ({
    id,
    // "Find the smallest index j ≥ 1 for which e_j belongs to the mainline of P": e_0 itself is
    // not looked up, so the walk starts at its power levels auth event.
    position: positionFrom(source.authEventOfType(id, POWER_LEVELS)),
    ts: source.get(id).pdu.origin_server_ts,
  }));
  keyed.sort((x, y) => {
    if (x.position !== y.position) return y.position - x.position;
    if (x.ts !== y.ts) return x.ts - y.ts;
    return compareEventIds(x.id, y.id);
  });
  return keyed.map((k) => k.id);
}

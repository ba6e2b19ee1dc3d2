import { EventRow } from '@switchboard/storage';
import { referencedIds } from './event-serving.service';

/**
 * Walks the room DAG backwards from `from` over prev_events, deepest first, staying inside the
 * room: `/backfill` ("the PDUs given in v and the PDUs that preceded it") and
 * `/get_missing_events` (which starts at the prev_events of latest and stops at earliest) share it.
 */
export async function walkBackwards(options: {
  roomId: string;
  from: readonly string[];
  stopAt?: ReadonlySet<string>;
  minDepth?: number;
  limit: number;
  load: (ids: readonly string[]) => Promise<Map<string, EventRow>>;
}): Promise<EventRow[]> {
  const { roomId, stopAt = new Set<string>(), minDepth = 0, limit, load } = options;
  const seen = new Set<string>(options.from);
  const queue: EventRow[] = [];
  const push = async (ids: readonly string[]) => {
    const rows = await load(ids.filter((id) => !stopAt.has(id)));
    for (const row of rows.values()) {
      if (row.roomId === roomId && row.rejectedReason === null && row.depth >= minDepth) queue.push(row);
    }
    queue.sort((a, b) => b.depth - a.depth || (a.eventId < b.eventId ? -1 : 1));
  };
  await push([...seen]);
  const out: EventRow[] = [];
  while (queue.length > 0 && out.length < limit) {
    const row = queue.shift()!;
    out.push(row);
    const prevs = referencedIds(row.pdu.prev_events).filter((id) => !seen.has(id));
    for (const id of prevs) seen.add(id);
    if (prevs.length > 0) await push(prevs);
  }
  return out;
}

import fc from 'fast-check';
import { roomVersion } from '../room-versions/room-versions';
import { ALICE, standardStateResRoom } from '../testing';
import { AuthChainCache } from './auth-chain-cache';
import { conflictedSubgraph } from './conflicted-subgraph';
import { EventSource } from './event-source';

const v12 = roomVersion('12')!;

describe('rooms/v12.md "Conflicted state subgraph"', () => {
  test('holds the events on auth paths between conflicted events, and no others', () => {
    const [room, base] = standardStateResRoom(v12);
    const branch = base.fork();
    branch.send('A', ALICE, 'm.room.topic', '', {});
    branch.send('B', ALICE, 'm.room.topic', '', {}, { authEvents: room.ids('A') });
    branch.send('C', ALICE, 'm.room.topic', '', {}, { authEvents: room.ids('B', 'IMZ') });
    const source = new EventSource(v12, room.lookup, new AuthChainCache());
    const subgraph = conflictedSubgraph(source, new Set(room.ids('C', 'A')));
    expect([...subgraph].sort()).toEqual(room.ids('A', 'B', 'C').sort());
  });

  test('matches its definition on random DAGs', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 14 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.array(fc.nat(n - 1), { maxLength: 3 }), { minLength: n, maxLength: n }),
              fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: n }),
            ),
          ),
        ([n, rawEdges, conflictedIndexes]) => {
          // Edges only point to lower indexes, so the graph is a DAG.
          const edges = rawEdges.map((targets, i) => [...new Set(targets.filter((t) => t < i))]);
          const id = (i: number): string => `$${i}`;
          const source = {
            authEventIds: (eventId: string) => edges[Number(eventId.slice(1))].map(id),
          } as unknown as EventSource;
          const reaches = (from: number, to: number): boolean =>
            from === to || edges[from].some((next) => reaches(next, to));
          const conflicted = conflictedIndexes.map(id);
          const expected = [...Array(n).keys()].filter((v) =>
            conflictedIndexes.some((c1) => reaches(c1, v) && conflictedIndexes.some((c2) => reaches(v, c2))),
          );
          const actual = conflictedSubgraph(source, new Set(conflicted));
          expect([...actual].sort()).toEqual(expected.map(id).sort());
        },
      ),
    );
  });
});

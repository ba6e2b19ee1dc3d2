import { SwitchboardConfig } from '@switchboard/config';
import { Pdu } from '@switchboard/protocol';
import { InputEvent, InputResult, RemoteHistory, RoomInput } from '@switchboard/rooms';
import {
  EventGraphRepository,
  FederationOutboxRepository,
  RoomsRepository,
  Transactions,
} from '@switchboard/storage';
import { Logger } from 'pino';
import { HistoryBackfill } from './history-backfill.service';

const ROOM = '!room:a.test';

/** A HistoryBackfill over fakes: A created the room; A, B and this server (ours.test) are in it. */
function setup(options: { extremities?: string[]; answer?: (server: string) => Promise<Pdu[]> } = {}) {
  const asked: { server: string; from: readonly string[] }[] = [];
  const inputs: InputEvent[][] = [];
  const remote: RemoteHistory = {
    backfill: async (server, _roomId, from) => {
      asked.push({ server, from });
      return (options.answer ?? (async () => [{ event_id: `$from-${server}` } as unknown as Pdu]))(server);
    },
  };
  const input = {
    input: async (events: readonly InputEvent[]): Promise<InputResult[]> => {
      inputs.push([...events]);
      return events.map((e) => ({ eventId: String(e.pdu.event_id), outcome: 'accepted' as const }));
    },
  };
  const backfill = new HistoryBackfill(
    { reader: {} } as unknown as Transactions,
    {
      backwardExtremities: async () => options.extremities ?? ['$oldest'],
    } as unknown as EventGraphRepository,
    {
      joinedServers: async () => ['ours.test', 'b.test', 'a.test', 'c.test'],
    } as unknown as FederationOutboxRepository,
    { get: async () => ({ roomId: ROOM, creator: '@creator:a.test' }) } as unknown as RoomsRepository,
    input as unknown as RoomInput,
    { server_name: 'ours.test', federation: { enabled: true } } as SwitchboardConfig,
    { info: () => undefined, warn: () => undefined } as unknown as Logger,
    remote,
  );
  return { backfill, asked, inputs };
}

describe('HistoryBackfill', () => {
  it("asks the room creator's server first, from the backward extremities, and inputs the answer as backfill", async () => {
    const { backfill, asked, inputs } = setup();
    expect(await backfill.fill(ROOM, 10)).toBe(true);
    expect(asked).toEqual([{ server: 'a.test', from: ['$oldest'] }]);
    expect(inputs[0].map((e) => [e.kind, e.origin])).toEqual([['backfill', 'a.test']]);
  });

  it('asks nobody when nothing is missing: the room starts with its create event', async () => {
    const { backfill, asked } = setup({ extremities: [] });
    expect(await backfill.fill(ROOM, 10)).toBe(false);
    expect(asked).toEqual([]);
  });

  it('tries a second server when the first fails, and no third: a failure is only a shorter page', async () => {
    const { backfill, asked } = setup({
      answer: async (server) => {
        throw new Error(`${server} is down`);
      },
    });
    expect(await backfill.fill(ROOM, 10)).toBe(false);
    expect(asked.map((a) => a.server)).toEqual(['a.test', 'b.test']);
  });

  it('runs one backfill per room at a time: concurrent pages share it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { backfill, asked } = setup({
      answer: async () => {
        await gate;
        return [{ event_id: '$e' } as unknown as Pdu];
      },
    });
    const both = Promise.all([backfill.fill(ROOM, 10), backfill.fill(ROOM, 10)]);
    release();
    expect(await both).toEqual([true, true]);
    expect(asked).toHaveLength(1);
  });
});

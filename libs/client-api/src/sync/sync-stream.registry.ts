import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { SyncStream } from './sync-stream';
import { SyncStreamProvider } from './sync-stream-provider.decorator';

/**
 * Every `@SyncStreamProvider()` of the application, ordered so that each stream runs after the
 * streams its `after` names (the rooms stream fills the joined rooms the others read).
 */
@Injectable()
export class SyncStreamRegistry implements OnModuleInit {
  private ordered: readonly SyncStream[] = [];

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const found = this.discovery
      .getProviders({ metadataKey: SyncStreamProvider.KEY })
      .map((wrapper) => wrapper.instance as SyncStream | undefined)
      .filter((instance): instance is SyncStream => instance !== undefined);
    this.ordered = orderStreams(found);
  }

  get streams(): readonly SyncStream[] {
    return this.ordered;
  }
}

/** Streams in dependency order; names in `after` that no stream has are ignored. */
export function orderStreams(streams: readonly SyncStream[]): SyncStream[] {
  const byKey = new Map<string, SyncStream>();
  for (const stream of streams) {
    if (byKey.has(stream.key)) throw new Error(`two sync streams have the key ${stream.key}`);
    byKey.set(stream.key, stream);
  }
  const ordered: SyncStream[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (stream: SyncStream): void => {
    const seen = state.get(stream.key);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new Error(`sync streams depend on each other in a cycle at ${stream.key}`);
    state.set(stream.key, 'visiting');
    for (const key of stream.after ?? []) {
      const before = byKey.get(key);
      if (before) visit(before);
    }
    state.set(stream.key, 'done');
    ordered.push(stream);
  };
  [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).forEach(visit);
  return ordered;
}

import { DiscoveryService } from '@nestjs/core';

/**
 * Marks a SyncStream class: `@SyncStreamProvider() @Injectable() export class TypingStream
 * implements SyncStream`. Listing the class in a module's providers is all it takes to add the
 * stream to /sync and to the sync token.
 */
export const SyncStreamProvider = DiscoveryService.createDecorator<void>();

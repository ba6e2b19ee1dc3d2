import { RemoteChatId } from '../ids';

export type BridgeDirection = 'to-matrix' | 'to-remote';

/**
 * The two queues of a bridge (remote -> Matrix, Matrix -> remote). An item is a row in
 * `bridge_queue` written before `push` resolves, so nothing is lost when the process dies; a job on
 * libs/queue ("bridge.<id>.<direction>", key = chat) wakes the drain, so one chat's items run one at
 * a time, in push order, and chats run in parallel. A failing item is retried with backoff (or after
 * the remote's Retry-After), and after `maxAttempts` it is set aside as failed, shown by `failures()`,
 * and the chat moves on.
 */
export interface BridgeQueue {
  push(direction: BridgeDirection, chat: RemoteChatId, payload: unknown): Promise<void>;
  /**
   * Several items in one database transaction (one AS transaction's events), in order. With a
   * `dedupeKey` (the AS transaction ID) the items are stored at most once per key: false when the key
   * was seen before and nothing was added.
   */
  pushMany(
    items: { direction: BridgeDirection; chat: RemoteChatId; payload: unknown }[],
    options?: { dedupeKey?: string },
  ): Promise<boolean>;
  /** Registers the handler of a direction; start() then wakes every chat with pending items. */
  handle(direction: BridgeDirection, handler: (chat: RemoteChatId, payload: unknown) => Promise<void>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  counts(): Promise<Record<BridgeDirection, { pending: number; failed: number }>>;
  failures(limit?: number): Promise<BridgeQueueFailure[]>;
  retryFailed(id: string): Promise<boolean>;
  dropFailed(id: string): Promise<boolean>;
}

export interface BridgeQueueFailure {
  id: string;
  direction: BridgeDirection;
  chat: RemoteChatId;
  payload: unknown;
  attempts: number;
  lastError: string;
  failedAt: number;
}

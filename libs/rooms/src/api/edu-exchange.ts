import { Injectable } from '@nestjs/common';

/** A read receipt of one user for some events of a room (modules/receipts.md). */
export interface ReceiptEdu {
  readonly roomId: string;
  readonly receiptType: string;
  readonly userId: string;
  readonly eventIds: readonly string[];
  readonly threadId?: string;
  readonly ts: number;
}

export interface PresenceEdu {
  readonly userId: string;
  readonly presence: string;
  readonly statusMsg?: string | null;
  readonly lastActiveAgo?: number;
  readonly currentlyActive?: boolean;
}

/** Typing, receipts and presence changes, whether of local users or received from other servers. */
export interface EduHandler {
  typing(roomId: string, userId: string, typing: boolean, timeoutMs?: number): Promise<void>;
  receipt(receipt: ReceiptEdu): Promise<void>;
  presence(presence: PresenceEdu): Promise<void>;
}

/**
 * Send-to-device messages of one sender for the users of one server (server-server-api
 * "Send-to-device messaging", the `m.direct_to_device` EDU): user ID to device ID (or `*`) to
 * content. `messageId` is the same for a retry of the same send, so the receiver can drop repeats.
 */
export interface DirectToDevice {
  readonly sender: string;
  readonly type: string;
  readonly messageId: string;
  readonly messages: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>>;
}

/**
 * Keeps send-to-device messages for local users (`server` is where they came from), or carries
 * local users' messages to another server (`server` is where they go).
 */
export interface ToDeviceHandler {
  directToDevice(server: string, messages: DirectToDevice): Promise<void>;
}

/**
 * Where ephemeral data crosses between client-api, which keeps it for /sync, and federation, which
 * carries it between servers. Neither may import the other, so both reach this hub in the room
 * server: client-api registers the handler of remote EDUs and announces its local users' changes;
 * federation listens for those and hands over what other servers sent.
 */
@Injectable()
export class EduExchange {
  private remoteHandler?: EduHandler;
  private readonly localListeners: EduHandler[] = [];
  private readonly remoteListeners: EduHandler[] = [];
  private toDeviceKeeper?: ToDeviceHandler;
  private toDeviceCarrier?: ToDeviceHandler;

  /** Called once by the keeper of typing, receipts and presence. */
  handleRemote(handler: EduHandler): void {
    this.remoteHandler = handler;
  }

  /** Called by the carrier of EDUs to other servers. */
  listenLocal(listener: EduHandler): void {
    this.localListeners.push(listener);
  }

  /** Called by those who follow other servers' EDUs too, besides their keeper (application services). */
  listenRemote(listener: EduHandler): void {
    this.remoteListeners.push(listener);
  }

  /**
   * EDUs from other servers, checked by federation; dropped when nothing keeps them. The keeper's
   * failure fails the EDU; a listener's does not.
   */
  get remote(): EduHandler {
    const handler = (): EduHandler | undefined => this.remoteHandler;
    const each = toEach(this.remoteListeners);
    return {
      typing: async (...args) => {
        await handler()?.typing(...args);
        await each((l) => l.typing(...args));
      },
      receipt: async (receipt) => {
        await handler()?.receipt(receipt);
        await each((l) => l.receipt(receipt));
      },
      presence: async (presence) => {
        await handler()?.presence(presence);
        await each((l) => l.presence(presence));
      },
    };
  }

  /** Changes made by local users; a listener's failure never fails the user's request. */
  get local(): EduHandler {
    const each = toEach(this.localListeners);
    return {
      typing: (...args) => each((l) => l.typing(...args)),
      receipt: (receipt) => each((l) => l.receipt(receipt)),
      presence: (presence) => each((l) => l.presence(presence)),
    };
  }

  /** Called once by the keeper of device inboxes. */
  keepToDevice(keeper: ToDeviceHandler): void {
    this.toDeviceKeeper = keeper;
  }

  /** Called once by the carrier of EDUs to other servers. */
  carryToDevice(carrier: ToDeviceHandler): void {
    this.toDeviceCarrier = carrier;
  }

  /** Messages another server sent, checked by federation; dropped when nothing keeps them. */
  async receivedToDevice(origin: string, messages: DirectToDevice): Promise<void> {
    await this.toDeviceKeeper?.directToDevice(origin, messages);
  }

  /**
   * Local users' messages for users of `destination`; a failure fails the send (unlike typing),
   * so the client retries it. Dropped when federation is off.
   */
  async sendToDevice(destination: string, messages: DirectToDevice): Promise<void> {
    await this.toDeviceCarrier?.directToDevice(destination, messages);
  }
}

/** Calls every listener at once; one that fails is skipped, never failing the others or the caller. */
function toEach(listeners: readonly EduHandler[]) {
  return async (call: (l: EduHandler) => Promise<void>): Promise<void> => {
    await Promise.all(listeners.map((l) => call(l).catch(() => undefined)));
  };
}

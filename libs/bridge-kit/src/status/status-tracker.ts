import type { Logger } from 'pino';
import { BridgeState } from '../network.interface';

/** The connector's last reported state, with when and why; every change is logged. */
export class StatusTracker {
  state: BridgeState = 'STARTING';
  message: string | undefined;
  since = Date.now();

  constructor(private readonly log: Logger) {}

  report(state: BridgeState, message?: string): void {
    if (state !== this.state || message !== this.message) {
      const level = state === 'CONNECTED' || state === 'STARTING' || state === 'STOPPED' ? 'info' : 'warn';
      this.log[level]({ state, message }, 'bridge state');
      this.since = Date.now();
    }
    this.state = state;
    this.message = message;
  }
}

import { Controller, Inject } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { getTurnServer, MatrixError, TurnServerResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';
import { turnCredentials } from './turn-credentials';

@Controller()
export class VoipController {
  constructor(@Inject(CONFIG) private readonly config: SwitchboardConfig) {}

  /**
   * GET /_matrix/client/v3/voip/turnServer — client-server-api "Voice over IP". Without a TURN
   * server configured the answer is `{}`, as Synapse gives, which clients take as "no TURN".
   */
  @MatrixRoute(getTurnServer)
  getTurnServer(@Requester() requester: Requester): TurnServerResponse | Record<string, never> {
    if (requester.isGuest && !this.config.turn.allow_guests) {
      throw new MatrixError('M_FORBIDDEN', 403, 'Guests may not use the TURN server.');
    }
    return turnCredentials(this.config.turn, requester.userId, Date.now()) ?? {};
  }
}

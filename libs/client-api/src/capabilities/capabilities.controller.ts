import { Controller, Inject } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { CapabilitiesResponse, getCapabilities, ROOM_VERSIONS } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { AccountModerationService } from '../admin_lock/account-moderation.service';
import { Requester } from '../auth/requester';

@Controller()
export class CapabilitiesController {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly moderation: AccountModerationService,
  ) {}

  /**
   * GET /_matrix/client/v3/capabilities
   * client-server-api "Capabilities negotiation". Profile changes are allowed; 3PID changes are
   * not, as this server binds no 3PIDs.
   */
  @MatrixRoute(getCapabilities)
  async capabilities(@Requester() requester: Requester): Promise<CapabilitiesResponse> {
    const available = Object.fromEntries([...ROOM_VERSIONS.values()].map((v) => [v.id, v.stability]));
    return {
      capabilities: {
        'm.change_password': { enabled: true },
        'm.room_versions': { default: this.config.default_room_version, available },
        'm.set_displayname': { enabled: true },
        'm.set_avatar_url': { enabled: true },
        'm.3pid_changes': { enabled: false },
        // POST /login/get_token: "Authenticated clients can check for support ... with m.get_login_token".
        'm.get_login_token': { enabled: this.config.login_via_existing_session.enabled },
        // "This property should be omitted altogether if suspend and lock would be false."
        ...((await this.moderation.canModerate(requester.userId))
          ? { 'm.account_moderation': { lock: true, suspend: true } }
          : {}),
      },
    };
  }
}

import { Controller } from '@nestjs/common';
import {
  getPushRules,
  getPushRulesGlobal,
  mergePushRules,
  PushRules,
  PushRuleset,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';

/**
 * client-server-api "Push Rules: API". Users cannot change their rules yet, so every user has the
 * server-default rule set (modules/push.md "Predefined Rules"); clients read it before their first
 * sync.
 */
@Controller()
export class PushRulesController {
  /** GET /_matrix/client/v3/pushrules/ */
  @MatrixRoute(getPushRules)
  all(@Requester() requester: Requester): PushRules {
    return mergePushRules(requester.userId, {});
  }

  /** GET /_matrix/client/v3/pushrules/global/ */
  @MatrixRoute(getPushRulesGlobal)
  global(@Requester() requester: Requester): PushRuleset {
    return mergePushRules(requester.userId, {}).global;
  }
}

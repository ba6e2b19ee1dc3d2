import { Body, Controller, Param, Query, Req } from '@nestjs/common';
import {
  deletePushRule,
  getPushRule,
  getPushRuleActions,
  getPushRules,
  getPushRulesGlobal,
  isPushRuleEnabled,
  MatrixError,
  PushAction,
  PushRule,
  PushRules,
  PushRuleset,
  setPushRule,
  setPushRuleActions,
  setPushRuleEnabled,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { parseActionsBody, parseEnabledBody } from './push-rule-request';
import { PushRulesService } from './push-rules.service';

type Empty = Record<string, never>;

/** client-server-api "Push Rules: API". */
@Controller()
export class PushRulesController {
  constructor(private readonly rules: PushRulesService) {}

  /** GET /_matrix/client/v3/pushrules/ */
  @MatrixRoute(getPushRules)
  async all(@Requester() requester: Requester, @Req() req: { url: string }): Promise<PushRules> {
    // The router ignores trailing slashes; the spec's path has one, and Synapse (with SyTest's
    // "Trying to get push rules with no trailing slash fails with 404") has no route without it.
    if (!pathOf(req.url).endsWith('/')) throw new MatrixError('M_UNRECOGNIZED', 404, 'Unrecognized request');
    return this.rules.rulesOf(requester.userId);
  }

  /** GET /_matrix/client/v3/pushrules/global/ */
  @MatrixRoute(getPushRulesGlobal)
  async global(@Requester() requester: Requester, @Req() req: { url: string }): Promise<PushRuleset> {
    // Without the slash it names the scope, not its rules (Synapse answers 400, as SyTest expects).
    if (!pathOf(req.url).endsWith('/')) throw new MatrixError('M_UNRECOGNIZED', 400, 'Unrecognized request');
    return (await this.rules.rulesOf(requester.userId)).global;
  }

  /**
   * GET /_matrix/client/v3/pushrules/global/{kind}/{ruleId}. Like Synapse, `/global/{kind}/` lists
   * the kind's rules; `/global/{kind}` names the kind, not a rule, and is a bad request.
   */
  @MatrixRoute(getPushRule)
  async rule(
    @Requester() requester: Requester,
    @Param('kind') kind: string,
    @Param('ruleId') ruleId: string | undefined,
    @Req() req: { url: string },
  ): Promise<PushRule | PushRule[]> {
    if (ruleId) return this.rules.rule(requester.userId, kind, ruleId);
    if (!pathOf(req.url).endsWith('/')) throw new MatrixError('M_UNRECOGNIZED', 400, 'Unrecognized request');
    return this.rules.kind(requester.userId, kind);
  }

  /** PUT /_matrix/client/v3/pushrules/global/{kind}/{ruleId}?before=&after= */
  @MatrixRoute(setPushRule)
  async put(
    @Requester() requester: Requester,
    @Param('kind') kind: string,
    @Param('ruleId') ruleId: string | undefined,
    @Query() query: Record<string, unknown>,
    @Body() body: unknown,
  ): Promise<Empty> {
    await this.rules.put(requester.userId, kind, ruleId ?? '', jsonObject(body), query);
    return {};
  }

  /** DELETE /_matrix/client/v3/pushrules/global/{kind}/{ruleId} */
  @MatrixRoute(deletePushRule)
  async delete(
    @Requester() requester: Requester,
    @Param('kind') kind: string,
    @Param('ruleId') ruleId: string | undefined,
  ): Promise<Empty> {
    await this.rules.delete(requester.userId, kind, ruleId ?? '');
    return {};
  }

  /** GET /_matrix/client/v3/pushrules/global/{kind}/{ruleId}/enabled */
  @MatrixRoute(isPushRuleEnabled)
  async enabled(
    @Requester() requester: Requester,
    @Param('kind') kind: string,
    @Param('ruleId') ruleId: string,
  ): Promise<{ enabled: boolean }> {
    return { enabled: (await this.rules.rule(requester.userId, kind, ruleId)).enabled };
  }

  /** PUT /_matrix/client/v3/pushrules/global/{kind}/{ruleId}/enabled */
  @MatrixRoute(setPushRuleEnabled)
  async setEnabled(
    @Requester() requester: Requester,
    @Param('kind') kind: string,
    @Param('ruleId') ruleId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    await this.rules.setEnabled(requester.userId, kind, ruleId, parseEnabledBody(jsonObject(body)));
    return {};
  }

  /** GET /_matrix/client/v3/pushrules/global/{kind}/{ruleId}/actions */
  @MatrixRoute(getPushRuleActions)
  async actions(
    @Requester() requester: Requester,
    @Param('kind') kind: string,
    @Param('ruleId') ruleId: string,
  ): Promise<{ actions: PushAction[] }> {
    return { actions: (await this.rules.rule(requester.userId, kind, ruleId)).actions };
  }

  /** PUT /_matrix/client/v3/pushrules/global/{kind}/{ruleId}/actions */
  @MatrixRoute(setPushRuleActions)
  async setActions(
    @Requester() requester: Requester,
    @Param('kind') kind: string,
    @Param('ruleId') ruleId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    await this.rules.setActions(requester.userId, kind, ruleId, parseActionsBody(jsonObject(body)));
    return {};
  }
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

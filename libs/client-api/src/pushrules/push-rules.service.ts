import { Inject, Injectable } from '@nestjs/common';
import {
  JsonObject,
  mergePushRules,
  parsePushRule,
  parsePushRuleKind,
  PushAction,
  PushRule,
  PushRules,
  placePushRule,
  UserPushRules,
} from '@switchboard/protocol';
import { NOTIFIER, Notifier } from '@switchboard/queue';
import { AccountDataRepository, PushRulesRepository, Transactions, Tx } from '@switchboard/storage';
import { ACCOUNT_DATA_STREAM } from '../account_data/account-data.service';
import { PushRulesCache } from './push-rules-cache';
import { parsePosition, requireConditions } from './push-rule-request';
import { changeRule, copyRoomRules, deleteUserRule, findRule, withUserRules } from './user-push-rules';

/** The account data type that carries the effective rules (push.md "Push Rules: Events"). */
const PUSH_RULES_TYPE = 'm.push_rules';

/**
 * A user's push rules (modules/push.md "Push Rules"): the server-default rules merged with the
 * user's own rules and changes. Every change is also written as the `m.push_rules` account data
 * ("When a user changes their push rules a `m.push_rules` event is sent to all clients in the
 * `account_data` section of their next /sync request").
 */
@Injectable()
export class PushRulesService {
  private readonly cache = new PushRulesCache();

  constructor(
    private readonly transactions: Transactions,
    private readonly pushRules: PushRulesRepository,
    private readonly accountData: AccountDataRepository,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  /** The effective ruleset, from the cache when it can be. */
  async rulesOf(userId: string): Promise<PushRules> {
    const cached = this.cache.get(userId);
    if (cached) return cached;
    const doc = ((await this.pushRules.get(this.transactions.reader, userId)) ?? {}) as UserPushRules;
    const rules = mergePushRules(userId, doc);
    this.cache.set(userId, rules);
    return rules;
  }

  async kind(userId: string, kind: string): Promise<PushRule[]> {
    return (await this.rulesOf(userId)).global[parsePushRuleKind(kind)];
  }

  async rule(userId: string, kind: string, ruleId: string): Promise<PushRule> {
    return findRule(await this.rulesOf(userId), parsePushRuleKind(kind), ruleId);
  }

  /** PUT /pushrules/global/{kind}/{ruleId}: adds or updates a user-defined rule. */
  async put(
    userId: string,
    kind: string,
    ruleId: string,
    body: unknown,
    query: Record<string, unknown>,
  ): Promise<void> {
    const k = parsePushRuleKind(kind);
    requireConditions(k, body);
    const rule = parsePushRule(k, ruleId, body);
    const position = parsePosition(query);
    await this.change(userId, (doc) =>
      withUserRules(doc, k, placePushRule(doc.rules?.[k] ?? [], rule, position)),
    );
  }

  async delete(userId: string, kind: string, ruleId: string): Promise<void> {
    const k = parsePushRuleKind(kind);
    await this.change(userId, (doc) => deleteUserRule(doc, k, ruleId));
  }

  async setEnabled(userId: string, kind: string, ruleId: string, enabled: boolean): Promise<void> {
    const k = parsePushRuleKind(kind);
    await this.change(userId, (doc) => changeRule(doc, mergePushRules(userId, doc), k, ruleId, { enabled }));
  }

  async setActions(userId: string, kind: string, ruleId: string, actions: PushAction[]): Promise<void> {
    const k = parsePushRuleKind(kind);
    await this.change(userId, (doc) => changeRule(doc, mergePushRules(userId, doc), k, ruleId, { actions }));
  }

  /** When the user joins the upgrade of a room, their rules about the old room apply to the new one. */
  async copyRoomRules(userId: string, fromRoomId: string, toRoomId: string): Promise<void> {
    const doc = ((await this.pushRules.get(this.transactions.reader, userId)) ?? {}) as UserPushRules;
    if (copyRoomRules(doc, fromRoomId, toRoomId) === doc) return;
    await this.change(userId, (locked) => copyRoomRules(locked, fromRoomId, toRoomId));
  }

  /** Read-modify-write of the user's document under its row lock, with the account data beside it. */
  private async change(userId: string, edit: (doc: UserPushRules) => UserPushRules): Promise<void> {
    const position = await this.transactions.run(async (tx: Tx) => {
      const doc = edit((await this.pushRules.lock(tx, userId)) as UserPushRules);
      await this.pushRules.put(tx, userId, doc);
      const content = mergePushRules(userId, doc);
      return this.accountData.put(tx, userId, null, PUSH_RULES_TYPE, content as unknown as JsonObject);
    });
    this.cache.invalidate(userId);
    await this.notifier.publish(ACCOUNT_DATA_STREAM, position);
  }
}

import { Pdu } from '../events/pdu.types';
import { hasOwn, isJsonObject } from '../power-levels/json-object';
import { PowerLevels, powerLevelsOf } from '../power-levels/power-levels';
import { CREATE_KEY, JOIN_RULES_KEY, memberKey, POWER_LEVELS_KEY } from '../power-levels/room-state-keys';
import { RoomVersion } from '../room-versions/room-version.types';
import { IdentifiedPdu, StateMap } from '../state/state-map';
import { AuthOptions } from './auth-options.types';
import { AuthResult } from './auth-result';
import { RuleKey, ruleName } from './rule-numbers';

/** Everything one auth check reads, looked up once. */
export class AuthContext {
  readonly pdu: Pdu;
  readonly content: Record<string, unknown>;
  readonly create: IdentifiedPdu | undefined;
  private levels: PowerLevels | undefined;

  constructor(
    readonly version: RoomVersion,
    readonly event: IdentifiedPdu,
    readonly state: StateMap<IdentifiedPdu>,
    readonly options: AuthOptions,
  ) {
    this.pdu = event.pdu;
    this.content = event.pdu.content;
    this.create = state.get(CREATE_KEY);
  }

  get sender(): string {
    return this.pdu.sender;
  }

  get powerLevels(): PowerLevels {
    this.levels ??= powerLevelsOf(this.version, this.create, this.state.get(POWER_LEVELS_KEY));
    return this.levels;
  }

  powerOf(userId: string): number {
    return this.powerLevels.userPowerLevel(userId);
  }

  /** The user's current membership, undefined when the state has no readable member event. */
  membership(userId: string): string | undefined {
    const content = this.state.get(memberKey(userId))?.pdu.content;
    return isJsonObject(content) && typeof content.membership === 'string' ? content.membership : undefined;
  }

  /**
   * The room's join rule. The spec is silent on a room without one; deployed servers (Synapse's
   * event_auth among them) read it as `invite`, and agreeing with them keeps state resolution
   * converging: a room without join rules can still be entered by invitation. A join_rule that
   * is not a string matches no rule.
   */
  joinRule(): string | undefined {
    const content = this.state.get(JOIN_RULES_KEY)?.pdu.content;
    if (!isJsonObject(content) || !hasOwn(content, 'join_rule')) return 'invite';
    return typeof content.join_rule === 'string' ? content.join_rule : undefined;
  }

  deny(key: RuleKey, reason: string): AuthResult {
    return { allowed: false, rule: ruleName(this.version, key), reason };
  }
}

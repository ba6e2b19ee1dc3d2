import { JsonObject, JsonValue } from '../../events/pdu.types';
import { RoomVersion } from '../../room-versions/room-version.types';
import { ROOM_VERSIONS } from '../../room-versions/room-versions';
import { IdentifiedPdu } from '../../state/state-map';
import { TestRoom, TestRoomOptions } from '../../testing/test-room';
import { AuthOptions } from '../auth-options.types';
import { AuthResult } from '../auth-result';
import { authorizeEvent } from '../authorize-event';
import { RuleKey, ruleName, ruleNumbers } from '../rule-numbers';

export const ALICE = '@alice:example.org';
export const MOD = '@mod:example.org';
export const MOD2 = '@mod2:example.org';
export const BOB = '@bob:example.org';
export const DAVE = '@dave:example.org';
export const ZED = '@zed:example.org';
export const EVE = '@eve:other.org';

export const VERSIONS: readonly RoomVersion[] = [...ROOM_VERSIONS.values()];

/** One case about one rule: the event passes it (allowed) or is rejected, by it or by `rejectedBy`. */
export interface RuleCase {
  readonly key: RuleKey;
  readonly title: string;
  readonly allowed: boolean;
  readonly rejectedBy?: RuleKey;
  readonly applies?: (version: RoomVersion) => boolean;
  readonly check: (version: RoomVersion) => AuthResult;
}

type Applies = (version: RoomVersion) => boolean;

export function allows(key: RuleKey, title: string, check: RuleCase['check'], applies?: Applies): RuleCase {
  return { key, title, allowed: true, check, applies };
}

export function rejects(
  key: RuleKey,
  title: string,
  check: RuleCase['check'],
  options: { by?: RuleKey; applies?: Applies } = {},
): RuleCase {
  return { key, title, allowed: false, rejectedBy: options.by, applies: options.applies, check };
}

export function caseApplies(c: RuleCase, version: RoomVersion): boolean {
  return ruleNumbers(version)[c.key] !== undefined && (c.applies === undefined || c.applies(version));
}

/** Runs every case in every room version that has its rule, titled "<variant> rule <number>: ...". */
export function runRuleCases(cases: readonly RuleCase[]): void {
  for (const version of VERSIONS) {
    describe(`room version ${version.id}`, () => {
      for (const c of cases) {
        if (!caseApplies(c, version)) continue;
        test(`${version.authRules} rule ${ruleNumbers(version)[c.key]}: ${c.title}`, () => {
          const result = c.check(version);
          if (c.allowed) {
            expect(result).toEqual({ allowed: true });
          } else {
            expect(result).toMatchObject({ allowed: false, rule: ruleName(version, c.rejectedBy ?? c.key) });
          }
        });
      }
    });
  }
}

export function hasCreatorProperty(version: RoomVersion): boolean {
  return version.eventFormat === 'v1' || version.eventFormat === 'v3';
}

/** users of the standard room: the creator at 100 (not listed in v12), two moderators at 50. */
export function standardUsers(version: RoomVersion, extra: Record<string, JsonValue> = {}): JsonObject {
  return { ...(version.creatorPrivileges ? {} : { [ALICE]: 100 }), [MOD]: 50, [MOD2]: 50, ...extra };
}

export interface StandardRoomOptions extends TestRoomOptions {
  /** Merged into the standard power levels content. */
  readonly levels?: JsonObject;
  readonly users?: Record<string, JsonValue>;
}

/** Alice created it; mod, mod2 (50) and bob (0) have joined; join rule public unless given. */
export function standardRoom(version: RoomVersion, options: StandardRoomOptions = {}): TestRoom {
  const room = new TestRoom(version, {
    ...options,
    powerLevels: { users: standardUsers(version, options.users), ...options.levels },
  });
  for (const user of [MOD, MOD2, BOB]) room.member(user, 'join');
  return room;
}

export function check(room: TestRoom, event: IdentifiedPdu, options?: AuthOptions): AuthResult {
  return authorizeEvent(room.version, event, room.state, options);
}

export function message(room: TestRoom, sender: string, extra: { roomId?: string } = {}): IdentifiedPdu {
  return room.event({ type: 'm.room.message', sender, content: { msgtype: 'm.text', body: 'hi' }, ...extra });
}

export function member(room: TestRoom, sender: string, target: string, content: JsonObject): IdentifiedPdu {
  return room.event({ type: 'm.room.member', sender, stateKey: target, content });
}

import { RoomVersion } from '../room-versions/room-version.types';

/**
 * The rules by meaning. Rule sets renumber as rules come and go (v6 drops the aliases rule, v8
 * inserts the join_authorised_via_users_server rule, v12 inserts the room id rule), so the code
 * names a rule by what it checks and this table gives its number in the room version.
 */
export type RuleKey =
  | 'format'
  | 'create.prevEvents'
  | 'create.roomId'
  | 'create.roomVersion'
  | 'create.creator'
  | 'create.additionalCreators'
  | 'create.allow'
  | 'roomIdFromCreate'
  | 'authEvents.duplicate'
  | 'authEvents.unexpected'
  | 'authEvents.rejected'
  | 'authEvents.noCreate'
  | 'authEvents.roomId'
  | 'federate'
  | 'aliases.noStateKey'
  | 'aliases.domain'
  | 'aliases.allow'
  | 'member.malformed'
  | 'member.authoriserSignature'
  | 'member.join.creator'
  | 'member.join.senderNotTarget'
  | 'member.join.banned'
  | 'member.join.invite'
  | 'member.join.restricted.member'
  | 'member.join.restricted.authoriser'
  | 'member.join.restricted.allow'
  | 'member.join.public'
  | 'member.join.otherwise'
  | 'member.invite.tpi.banned'
  | 'member.invite.tpi.noSigned'
  | 'member.invite.tpi.noMxidToken'
  | 'member.invite.tpi.mxid'
  | 'member.invite.tpi.noEvent'
  | 'member.invite.tpi.sender'
  | 'member.invite.tpi.signature'
  | 'member.invite.tpi.otherwise'
  | 'member.invite.senderNotJoined'
  | 'member.invite.target'
  | 'member.invite.power'
  | 'member.invite.otherwise'
  | 'member.leave.self'
  | 'member.leave.senderNotJoined'
  | 'member.leave.targetBanned'
  | 'member.leave.power'
  | 'member.leave.otherwise'
  | 'member.ban.senderNotJoined'
  | 'member.ban.power'
  | 'member.ban.otherwise'
  | 'member.knock.joinRule'
  | 'member.knock.senderNotTarget'
  | 'member.knock.membership'
  | 'member.knock.otherwise'
  | 'member.unknown'
  | 'senderNotJoined'
  | 'thirdPartyInvite'
  | 'requiredPower'
  | 'stateKey'
  | 'powerLevels.integers'
  | 'powerLevels.objects'
  | 'powerLevels.users'
  | 'powerLevels.creators'
  | 'powerLevels.noPrevious'
  | 'powerLevels.named.current'
  | 'powerLevels.named.new'
  | 'powerLevels.events.current'
  | 'powerLevels.events.new'
  | 'powerLevels.users.current'
  | 'powerLevels.users.new'
  | 'powerLevels.allow'
  | 'redaction.power'
  | 'redaction.domain'
  | 'redaction.otherwise'
  | 'otherwise';

export type RuleNumbers = Readonly<Partial<Record<RuleKey, string>>>;

/** Numbers the rules that exist in a room version, following the descriptor's feature fields. */
function numberRules(version: RoomVersion): RuleNumbers {
  const rules: Partial<Record<RuleKey, string>> = { format: 'format' };
  const set = (key: RuleKey, number: string): void => {
    rules[key] = number;
  };
  let top = 1;

  const create = top++;
  set('create.prevEvents', `${create}.1`);
  set('create.roomId', `${create}.2`);
  set('create.roomVersion', `${create}.3`);
  let createSub = 4;
  if (version.eventFormat === 'v1' || version.eventFormat === 'v3')
    set('create.creator', `${create}.${createSub++}`);
  if (version.creatorPrivileges) set('create.additionalCreators', `${create}.${createSub++}`);
  set('create.allow', `${create}.${createSub}`);

  if (version.roomIdFromCreateEvent) set('roomIdFromCreate', `${top++}`);

  const authEvents = top++;
  set('authEvents.duplicate', `${authEvents}.1`);
  set('authEvents.unexpected', `${authEvents}.2`);
  set('authEvents.rejected', `${authEvents}.3`);
  // v12 drops 3.4 ("no m.room.create among the entries") but keeps the next rule's number, 3.5.
  if (!version.roomIdFromCreateEvent) set('authEvents.noCreate', `${authEvents}.4`);
  set('authEvents.roomId', `${authEvents}.5`);

  set('federate', `${top++}`);

  if (version.specialAliasesRules) {
    const aliases = top++;
    set('aliases.noStateKey', `${aliases}.1`);
    set('aliases.domain', `${aliases}.2`);
    set('aliases.allow', `${aliases}.3`);
  }

  const member = top++;
  set('member.malformed', `${member}.1`);
  let memberSub = 2;
  if (version.restrictedJoins) set('member.authoriserSignature', `${member}.${memberSub++}.1`);

  const join = `${member}.${memberSub++}`;
  set('member.join.creator', `${join}.1`);
  set('member.join.senderNotTarget', `${join}.2`);
  set('member.join.banned', `${join}.3`);
  set('member.join.invite', `${join}.4`);
  let joinSub = 5;
  if (version.restrictedJoins) {
    const restricted = `${join}.${joinSub++}`;
    set('member.join.restricted.member', `${restricted}.1`);
    set('member.join.restricted.authoriser', `${restricted}.2`);
    set('member.join.restricted.allow', `${restricted}.3`);
  }
  set('member.join.public', `${join}.${joinSub++}`);
  set('member.join.otherwise', `${join}.${joinSub}`);

  const invite = `${member}.${memberSub++}`;
  set('member.invite.tpi.banned', `${invite}.1.1`);
  set('member.invite.tpi.noSigned', `${invite}.1.2`);
  set('member.invite.tpi.noMxidToken', `${invite}.1.3`);
  set('member.invite.tpi.mxid', `${invite}.1.4`);
  set('member.invite.tpi.noEvent', `${invite}.1.5`);
  set('member.invite.tpi.sender', `${invite}.1.6`);
  set('member.invite.tpi.signature', `${invite}.1.7`);
  set('member.invite.tpi.otherwise', `${invite}.1.8`);
  set('member.invite.senderNotJoined', `${invite}.2`);
  set('member.invite.target', `${invite}.3`);
  set('member.invite.power', `${invite}.4`);
  set('member.invite.otherwise', `${invite}.5`);

  const leave = `${member}.${memberSub++}`;
  set('member.leave.self', `${leave}.1`);
  set('member.leave.senderNotJoined', `${leave}.2`);
  set('member.leave.targetBanned', `${leave}.3`);
  set('member.leave.power', `${leave}.4`);
  set('member.leave.otherwise', `${leave}.5`);

  const ban = `${member}.${memberSub++}`;
  set('member.ban.senderNotJoined', `${ban}.1`);
  set('member.ban.power', `${ban}.2`);
  set('member.ban.otherwise', `${ban}.3`);

  if (version.knocking) {
    const knock = `${member}.${memberSub++}`;
    set('member.knock.joinRule', `${knock}.1`);
    set('member.knock.senderNotTarget', `${knock}.2`);
    set('member.knock.membership', `${knock}.3`);
    set('member.knock.otherwise', `${knock}.4`);
  }
  set('member.unknown', `${member}.${memberSub}`);

  set('senderNotJoined', `${top++}`);
  set('thirdPartyInvite', `${top++}.1`);
  set('requiredPower', `${top++}`);
  set('stateKey', `${top++}`);

  const powerLevels = top++;
  let plSub = 1;
  const pl = (key: RuleKey, suffix = ''): void => set(key, `${powerLevels}.${plSub++}${suffix}`);
  if (version.integerPowerLevels) {
    pl('powerLevels.integers');
    pl('powerLevels.objects');
  }
  pl('powerLevels.users');
  if (version.creatorPrivileges) pl('powerLevels.creators');
  pl('powerLevels.noPrevious');
  set('powerLevels.named.current', `${powerLevels}.${plSub}.1`);
  pl('powerLevels.named.new', '.2');
  pl('powerLevels.events.current', '.1');
  pl('powerLevels.events.new', '.1');
  pl('powerLevels.users.current', '.1');
  pl('powerLevels.users.new', '.1');
  // In v12 the spec source numbers this last item "10." again; rendered, it is 10.11.
  pl('powerLevels.allow');

  if (!version.redactionsCheckedByRecipient) {
    const redaction = top++;
    set('redaction.power', `${redaction}.1`);
    set('redaction.domain', `${redaction}.2`);
    set('redaction.otherwise', `${redaction}.3`);
  }

  set('otherwise', `${top}`);
  return rules;
}

const cache = new WeakMap<RoomVersion, RuleNumbers>();

export function ruleNumbers(version: RoomVersion): RuleNumbers {
  let numbers = cache.get(version);
  if (numbers === undefined) {
    numbers = numberRules(version);
    cache.set(version, numbers);
  }
  return numbers;
}

/** The rule's full name, e.g. "v8 4.3.5.2". */
export function ruleName(version: RoomVersion, key: RuleKey): string {
  return `${version.authRules} ${ruleNumbers(version)[key] ?? key}`;
}

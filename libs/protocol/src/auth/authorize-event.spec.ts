import { ROOM_VERSIONS } from '../room-versions/room-versions';
import { testEvent } from '../testing/test-event';
import { authorizeEvent } from './authorize-event';
import { createCases } from './rule-cases/create.cases';
import { eventCases } from './rule-cases/events.cases';
import { BOB, caseApplies, message, runRuleCases, standardRoom, VERSIONS } from './rule-cases/harness';
import { inviteCases } from './rule-cases/invite.cases';
import { joinCases } from './rule-cases/join.cases';
import { membershipCases } from './rule-cases/membership.cases';
import { powerLevelsCases } from './rule-cases/power-levels.cases';
import { RuleKey, ruleNumbers } from './rule-numbers';

describe('auth rules: every other event', () => {
  runRuleCases(eventCases);
});

describe('rule coverage', () => {
  const all = [
    ...createCases,
    ...joinCases,
    ...inviteCases,
    ...membershipCases,
    ...eventCases,
    ...powerLevelsCases,
  ];
  for (const version of VERSIONS) {
    test(`every numbered rule of ${version.authRules} has a passing and a failing case in room version ${version.id}`, () => {
      const numbered = Object.keys(ruleNumbers(version)).filter((k) => k !== 'format') as RuleKey[];
      const missing = numbered.flatMap((key) => {
        const cases = all.filter((c) => c.key === key && caseApplies(c, version));
        return [
          ...(cases.some((c) => c.allowed) ? [] : [`${key} (passing)`]),
          ...(cases.some((c) => !c.allowed) ? [] : [`${key} (failing)`]),
        ];
      });
      expect(missing).toEqual([]);
    });
  }

  test.each([
    ['1', '2'],
    ['3', '4'],
    ['3', '5'],
    ['8', '9'],
  ])('room versions %s and %s share their rule numbering', (a, b) => {
    expect(ruleNumbers(ROOM_VERSIONS.get(b)!)).toEqual(ruleNumbers(ROOM_VERSIONS.get(a)!));
  });

  test.each([
    ['1', 'member.join.invite', '5.2.4'],
    ['1', 'redaction.domain', '11.2'],
    ['1', 'powerLevels.users.current', '10.6.1'],
    ['3', 'otherwise', '11'],
    ['6', 'powerLevels.events.new', '9.5.1'],
    ['7', 'member.knock.joinRule', '4.6.1'],
    ['8', 'member.join.restricted.authoriser', '4.3.5.2'],
    ['10', 'powerLevels.noPrevious', '9.4'],
    ['11', 'create.allow', '1.4'],
    ['12', 'roomIdFromCreate', '2'],
    ['12', 'authEvents.roomId', '3.5'],
    ['12', 'powerLevels.creators', '10.4'],
    ['12', 'powerLevels.allow', '10.11'],
  ])('room version %s numbers %s as %s, as the spec text does', (id, key, number) => {
    expect(ruleNumbers(ROOM_VERSIONS.get(id)!)[key as RuleKey]).toBe(number);
  });
});

describe('events that are not well-formed PDUs', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['content is not an object', { content: 'hello' }],
    ['content is an array', { content: [] }],
    ['type is not a string', { type: 7 }],
    ['sender is missing', { sender: undefined }],
    ['state_key is not a string', { state_key: 1 }],
    ['prev_events is not an array', { prev_events: null }],
    ['room_id is not a string', { room_id: {} }],
  ];
  for (const version of VERSIONS) {
    test.each(cases)(`room version ${version.id}: %s is not allowed`, (_title, patch) => {
      const room = standardRoom(version);
      const event = message(room, BOB);
      const pdu = { ...event.pdu, ...patch } as unknown as typeof event.pdu;
      expect(authorizeEvent(version, { eventId: event.eventId, pdu }, room.state)).toMatchObject({
        allowed: false,
        rule: `${version.authRules} format`,
      });
    });
  }

  test('a create event whose content is not an object is not allowed', () => {
    const create = testEvent({ type: 'm.room.create', sender: BOB, stateKey: '' });
    const pdu = { ...create.pdu, content: null } as unknown as typeof create.pdu;
    expect(
      authorizeEvent(ROOM_VERSIONS.get('12')!, { eventId: create.eventId, pdu }, new Map()).allowed,
    ).toBe(false);
  });
});

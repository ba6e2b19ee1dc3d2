import { testEvent } from '../testing/test-event';
import { redactionApplies } from './auth-redaction';
import { BOB, EVE, message, MOD, standardRoom, VERSIONS } from './rule-cases/harness';

describe('redactionApplies (v3-handling-redactions)', () => {
  for (const version of VERSIONS.filter((v) => v.redactionsCheckedByRecipient)) {
    describe(`room version ${version.id}`, () => {
      const room = standardRoom(version);
      room.member(EVE, 'join');
      const byEve = message(room, EVE);
      const byBob = message(room, BOB);
      const redaction = (sender: string) =>
        room.event({
          type: 'm.room.redaction',
          sender,
          redacts: byEve.eventId,
          content: { redacts: byEve.eventId },
        });

      test('"The power level of the redaction event\'s sender is greater than or equal to the redact level"', () => {
        expect(redactionApplies(version, redaction(MOD), byEve, room.state)).toBe(true);
      });
      test('"The domain of the redaction event\'s sender matches that of the original event\'s sender"', () => {
        expect(redactionApplies(version, redaction(BOB), byBob, room.state)).toBe(true);
      });
      test('neither: a user below the redact level may not redact an event of another server', () => {
        expect(redactionApplies(version, redaction(BOB), byEve, room.state)).toBe(false);
      });
      test('a redaction never applies to an event of another room', () => {
        const elsewhere = testEvent({ type: 'm.room.message', sender: EVE, roomId: '!elsewhere:other.org' });
        expect(redactionApplies(version, redaction(MOD), elsewhere, room.state)).toBe(false);
      });
    });
  }

  test('room versions 1 and 2: rule 11 decided it when the redaction was authorised', () => {
    for (const version of VERSIONS.filter((v) => !v.redactionsCheckedByRecipient)) {
      const room = standardRoom(version);
      const target = message(room, MOD);
      const redaction = room.event({
        type: 'm.room.redaction',
        sender: BOB,
        redacts: target.eventId,
        content: {},
      });
      expect(redactionApplies(version, redaction, target, room.state)).toBe(true);
    }
  });
});

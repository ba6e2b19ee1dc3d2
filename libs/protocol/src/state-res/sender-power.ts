import { powerLevelsOf } from '../power-levels';
import { EventSource } from './event-source';

/**
 * The power level of an event's sender "when looking at their respective `auth_event`s"
 * (v2-state-res "Reverse topological power ordering"): the power levels and create events among
 * its auth events, read as the auth rules read them (100 for the creator of a room without power
 * levels; in room version 12 "room creators have infinitely high power level").
 */
export function senderPowerLevel(source: EventSource, eventId: string): number {
  const createId = source.authEventOfType(eventId, 'm.room.create');
  const powerLevelsId = source.authEventOfType(eventId, 'm.room.power_levels');
  return powerLevelsOf(
    source.version,
    createId === undefined ? undefined : source.get(createId),
    powerLevelsId === undefined ? undefined : source.get(powerLevelsId),
  ).userPowerLevel(source.get(eventId).pdu.sender);
}

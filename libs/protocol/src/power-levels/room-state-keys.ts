import { stateKey } from '../state/state-map';

export const CREATE_KEY = stateKey('m.room.create', '');
export const POWER_LEVELS_KEY = stateKey('m.room.power_levels', '');
export const JOIN_RULES_KEY = stateKey('m.room.join_rules', '');

export function memberKey(userId: string): string {
  return stateKey('m.room.member', userId);
}

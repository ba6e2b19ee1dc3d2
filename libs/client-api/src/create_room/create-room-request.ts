import { isValidUserId, JsonObject as EventContent, MatrixError } from '@switchboard/protocol';
import { ThirdPartyInvitee, thirdPartyInviteeOf } from '../inviting/third-party-invite.service';
import {
  booleanField,
  isJsonObject,
  JsonObject,
  jsonObject,
  objectField,
  stringField,
} from '../accounts/request-body';

export type Preset = 'private_chat' | 'public_chat' | 'trusted_private_chat';

const PRESETS: ReadonlySet<string> = new Set(['private_chat', 'public_chat', 'trusted_private_chat']);

export interface InitialStateEvent {
  type: string;
  stateKey: string;
  content: EventContent;
}

/** A POST /createRoom body, checked field by field (create_room.yaml). */
export interface CreateRoomRequest {
  visibility: 'public' | 'private';
  roomAliasName?: string;
  name?: string;
  topic?: string;
  invite: string[];
  /** `invite_3pid`: sent as third-party invites once the room exists. */
  invite3pid: ThirdPartyInvitee[];
  roomVersion?: string;
  creationContent: EventContent;
  initialState: InitialStateEvent[];
  /** "If unspecified, the server should use the `visibility` to determine which preset to use." */
  preset: Preset;
  isDirect: boolean;
  powerLevelContentOverride?: EventContent;
}

/**
 * Parses the whole body before anything is written, so that a bad request creates nothing:
 * M_NOT_JSON / M_BAD_JSON for a body that is not a JSON object, M_INVALID_PARAM for a field of the
 * wrong type or value.
 */
export function parseCreateRoomRequest(body: unknown): CreateRoomRequest {
  const request = jsonObject(body);
  const visibility = stringField(request, 'visibility') ?? 'private';
  if (visibility !== 'public' && visibility !== 'private')
    throw invalid('visibility must be public or private');
  const preset = stringField(request, 'preset') ?? (visibility === 'public' ? 'public_chat' : 'private_chat');
  if (!PRESETS.has(preset)) throw invalid(`Unknown preset ${preset}`);
  const roomAliasName = stringField(request, 'room_alias_name');
  // The localpart becomes `#<name>:<server>`: a colon would make a different alias.
  if (roomAliasName !== undefined && (roomAliasName === '' || /[:\s]/.test(roomAliasName))) {
    throw invalid('room_alias_name must be a non-empty alias localpart without ":" or spaces');
  }
  return {
    visibility,
    roomAliasName,
    name: stringField(request, 'name'),
    topic: stringField(request, 'topic'),
    invite: userIds(request, 'invite'),
    invite3pid: invite3pid(request),
    roomVersion: stringField(request, 'room_version'),
    creationContent: (objectField(request, 'creation_content') ?? {}) as EventContent,
    initialState: initialState(request),
    preset: preset as Preset,
    isDirect: booleanField(request, 'is_direct') ?? false,
    powerLevelContentOverride: objectField(request, 'power_level_content_override') as
      EventContent | undefined,
  };
}

function invite3pid(request: JsonObject): ThirdPartyInvitee[] {
  const value = request.invite_3pid ?? [];
  if (!Array.isArray(value) || !value.every(isJsonObject))
    throw invalid('invite_3pid must be an array of objects');
  return value.map(thirdPartyInviteeOf);
}

function userIds(request: JsonObject, key: string): string[] {
  const value = request[key] ?? [];
  if (!Array.isArray(value)) throw invalid(`${key} must be an array of user IDs`);
  for (const id of value) {
    if (typeof id !== 'string' || !isValidUserId(id)) throw invalid(`${key} holds an invalid user ID`);
  }
  return [...new Set(value as string[])];
}

function initialState(request: JsonObject): InitialStateEvent[] {
  const value = request.initial_state ?? [];
  if (!Array.isArray(value)) throw invalid('initial_state must be an array');
  return value.map((entry: unknown, i) => {
    if (!isJsonObject(entry)) throw invalid(`initial_state[${i}] must be an object`);
    const type = entry.type;
    const stateKey = entry.state_key ?? '';
    if (typeof type !== 'string' || type === '') throw invalid(`initial_state[${i}].type must be a string`);
    if (typeof stateKey !== 'string') throw invalid(`initial_state[${i}].state_key must be a string`);
    if (!isJsonObject(entry.content)) throw invalid(`initial_state[${i}].content must be an object`);
    return { type, stateKey, content: entry.content as EventContent };
  });
}

function invalid(message: string): MatrixError {
  return new MatrixError('M_INVALID_PARAM', 400, message);
}

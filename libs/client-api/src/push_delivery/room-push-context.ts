import {
  IdentifiedPdu,
  JsonObject,
  PushEvaluationContext,
  RoomVersion,
  stateKey,
  StateMap,
  userPowerLevel,
} from '@switchboard/protocol';

/**
 * What evaluating a room's events needs besides the event and the user: the room's version and
 * the two state events power levels come from (m.room.create names the creators in room version
 * 12), read once per room per batch.
 */
export class RoomPushContext {
  private readonly senderLevels = new Map<string, number>();
  private readonly levelState: StateMap<IdentifiedPdu>;
  private readonly notificationPowerLevels: JsonObject | undefined;

  constructor(
    private readonly version: RoomVersion,
    create: IdentifiedPdu | undefined,
    powerLevels: IdentifiedPdu | undefined,
    private readonly memberCount: number,
  ) {
    this.levelState = new Map(
      [
        [stateKey('m.room.create', ''), create],
        [stateKey('m.room.power_levels', ''), powerLevels],
      ].filter((entry): entry is [string, IdentifiedPdu] => entry[1] !== undefined),
    );
    const notifications = powerLevels?.pdu.content.notifications;
    this.notificationPowerLevels =
      typeof notifications === 'object' && notifications !== null && !Array.isArray(notifications)
        ? (notifications as JsonObject)
        : undefined;
  }

  for(userId: string, displayName: string | null, sender: string): PushEvaluationContext {
    let level = this.senderLevels.get(sender);
    if (level === undefined) {
      level = userPowerLevel(this.version, this.levelState, sender);
      this.senderLevels.set(sender, level);
    }
    return {
      userId,
      roomMemberCount: this.memberCount,
      senderPowerLevel: level,
      ...(displayName !== null ? { displayName } : {}),
      ...(this.notificationPowerLevels ? { notificationPowerLevels: this.notificationPowerLevels } : {}),
    };
  }
}

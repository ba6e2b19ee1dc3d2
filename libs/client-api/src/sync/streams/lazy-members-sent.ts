import { Injectable } from '@nestjs/common';

/** Per device, the member events remembered; per process, the devices remembered. */
const MEMBERS_PER_DEVICE = 1000;
const DEVICES = 10_000;

/**
 * Which member events lazy loading already sent to each device (client-server-api "Lazy-loading
 * room members": "the server MAY [...] not send membership events which the server believes it
 * has already sent to the client [...] unless include_redundant_members is true"). A memory of
 * this process only, least recently used first out: forgetting an entry only sends a member event
 * again, which clients must accept anyway. An initial sync starts the device afresh.
 */
@Injectable()
export class LazyMembersSent {
  private readonly devices = new Map<string, Map<string, string>>();

  /** Drops what the device was sent: a sync without `since` is a client starting over. */
  forget(userId: string, deviceId: string): void {
    this.devices.delete(deviceKey(userId, deviceId));
  }

  /** Whether this very member event was sent to the device before. */
  wasSent(userId: string, deviceId: string, roomId: string, member: string, eventId: string): boolean {
    return this.devices.get(deviceKey(userId, deviceId))?.get(memberKey(roomId, member)) === eventId;
  }

  remember(userId: string, deviceId: string, roomId: string, member: string, eventId: string): void {
    const key = deviceKey(userId, deviceId);
    const sent = this.devices.get(key) ?? new Map<string, string>();
    this.devices.delete(key);
    this.devices.set(key, sent);
    if (this.devices.size > DEVICES) this.devices.delete(this.devices.keys().next().value!);
    const entry = memberKey(roomId, member);
    sent.delete(entry);
    sent.set(entry, eventId);
    if (sent.size > MEMBERS_PER_DEVICE) sent.delete(sent.keys().next().value!);
  }
}

function deviceKey(userId: string, deviceId: string): string {
  return JSON.stringify([userId, deviceId]);
}

function memberKey(roomId: string, member: string): string {
  return JSON.stringify([roomId, member]);
}

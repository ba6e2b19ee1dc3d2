import { Edu } from '@switchboard/protocol';
import { PresenceEdu } from '@switchboard/rooms';

/** server-server-api "Presence": an `m.presence` EDU pushing one user's presence. */
export function presenceEdu(presence: PresenceEdu): Edu {
  const update = {
    user_id: presence.userId,
    presence: presence.presence,
    last_active_ago: presence.lastActiveAgo ?? 0,
    ...(presence.statusMsg ? { status_msg: presence.statusMsg } : {}),
    ...(presence.currentlyActive !== undefined ? { currently_active: presence.currentlyActive } : {}),
  };
  return { edu_type: 'm.presence', content: { push: [update] } };
}

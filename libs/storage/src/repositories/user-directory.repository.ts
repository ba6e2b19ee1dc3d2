import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

export interface DirectoryUser {
  userId: string;
  displayName: string | null;
  avatarUrl: string | null;
}

/**
 * The user directory (client-server-api "User directory"), read from current memberships: the
 * users joined to a room that is public (`join_rule` public or history `world_readable`, as
 * Synapse counts it) and the users who share a joined room with the searcher; with `allUsers`,
 * every local user and every joined member of any room. Display names and avatars come from a
 * local user's profile, else from their member event. Deactivated users are left out.
 */
@Injectable()
export class UserDirectoryRepository {
  /** Users whose display name or ID contains every one of `terms` (case-insensitively), best first. */
  async search(
    q: Queryable,
    searcher: string,
    terms: readonly string[],
    limit: number,
    allUsers = false,
  ): Promise<DirectoryUser[]> {
    const rows: { user_id: string; display_name: string | null; avatar_url: string | null }[] = await q.query(
      `WITH public_rooms AS (
         SELECT c.room_id FROM current_state c JOIN events e ON e.event_id = c.event_id
         WHERE c.state_key = '' AND (
           (c.type = 'm.room.join_rules' AND e.json::jsonb #>> '{content,join_rule}' = 'public')
           OR (c.type = 'm.room.history_visibility'
             AND e.json::jsonb #>> '{content,history_visibility}' = 'world_readable'))
       ),
       visible AS (
         SELECT m.user_id, m.event_id FROM room_memberships m
         WHERE m.membership = 'join' AND m.room_id IN (SELECT room_id FROM public_rooms)
         UNION ALL
         SELECT m.user_id, m.event_id FROM room_memberships m
         JOIN room_memberships mine ON mine.room_id = m.room_id AND mine.user_id = $1 AND mine.membership = 'join'
         WHERE m.membership = 'join' AND m.user_id <> $1
         UNION ALL
         SELECT m.user_id, m.event_id FROM room_memberships m WHERE $5 AND m.membership = 'join'
         UNION ALL
         SELECT u.user_id, NULL FROM users u WHERE $5
       ),
       candidates AS (
         SELECT DISTINCT ON (v.user_id) v.user_id,
           COALESCE(p.fields->>'displayname', e.json::jsonb #>> '{content,displayname}') AS display_name,
           COALESCE(p.fields->>'avatar_url', e.json::jsonb #>> '{content,avatar_url}') AS avatar_url
         FROM visible v
         LEFT JOIN events e ON e.event_id = v.event_id
         LEFT JOIN profiles p ON p.user_id = v.user_id
         LEFT JOIN users u ON u.user_id = v.user_id
         WHERE u.user_id IS NULL OR NOT u.deactivated
         ORDER BY v.user_id, e.event_id IS NULL
       )
       SELECT user_id, display_name, avatar_url FROM candidates
       WHERE NOT EXISTS (
         SELECT 1 FROM unnest($2::text[]) AS t (term)
         WHERE strpos(lower(COALESCE(display_name, '') || ' ' || user_id), lower(term)) = 0
       )
       ORDER BY lower(display_name) = lower($3) DESC NULLS LAST, display_name IS NULL, lower(display_name), user_id
       LIMIT $4`,
      [searcher, terms, terms.join(' '), limit, allUsers],
    );
    return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, avatarUrl: r.avatar_url }));
  }
}

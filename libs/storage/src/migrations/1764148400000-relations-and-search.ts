import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes written when an event is persisted, in the same transaction: the relations events
 * declare (`m.relates_to`, for /relations, /threads and bundled aggregations) and the searchable
 * text of messages, names and topics (a tsvector, for POST /search). Events stored before this
 * migration are indexed by it.
 */
export class RelationsAndSearch1764148400000 implements MigrationInterface {
  name = 'RelationsAndSearch1764148400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_relations (
        event_id text PRIMARY KEY,
        room_id text NOT NULL,
        relates_to_id text NOT NULL,
        rel_type text NOT NULL
      )`);
    await q.query(`CREATE INDEX event_relations_parent ON event_relations (relates_to_id, rel_type)`);
    await q.query(`CREATE INDEX event_relations_room ON event_relations (room_id, rel_type)`);
    await q.query(`
      CREATE TABLE event_search (
        event_id text PRIMARY KEY,
        room_id text NOT NULL,
        key text NOT NULL,
        vector tsvector NOT NULL
      )`);
    await q.query(`CREATE INDEX event_search_vector ON event_search USING GIN (vector)`);
    await q.query(`CREATE INDEX event_search_room ON event_search (room_id)`);
    await q.query(`
      INSERT INTO event_relations (event_id, room_id, relates_to_id, rel_type)
      SELECT event_id, room_id, j #>> '{content,m.relates_to,event_id}', j #>> '{content,m.relates_to,rel_type}'
      FROM (SELECT event_id, room_id, state_key, type, json::jsonb AS j FROM events WHERE NOT outlier) e
      WHERE jsonb_typeof(j #> '{content,m.relates_to,rel_type}') = 'string'
        AND jsonb_typeof(j #> '{content,m.relates_to,event_id}') = 'string'
        AND starts_with(j #>> '{content,m.relates_to,event_id}', '$')
        AND (j #>> '{content,m.relates_to,rel_type}' <> 'm.replace'
          OR (state_key IS NULL
            AND (type = 'm.room.encrypted' OR jsonb_typeof(j #> '{content,m.new_content}') = 'object')))`);
    await q.query(`
      INSERT INTO event_search (event_id, room_id, key, vector)
      SELECT event_id, room_id, key, to_tsvector('english', text)
      FROM (
        SELECT event_id, room_id,
          CASE type WHEN 'm.room.message' THEN 'content.body' WHEN 'm.room.name' THEN 'content.name'
            ELSE 'content.topic' END AS key,
          json::jsonb #>> CASE type WHEN 'm.room.message' THEN '{content,body}'::text[]
            WHEN 'm.room.name' THEN '{content,name}'::text[] ELSE '{content,topic}'::text[] END AS text
        FROM events
        WHERE NOT outlier AND type IN ('m.room.message', 'm.room.name', 'm.room.topic')
      ) e
      WHERE text IS NOT NULL AND text <> ''`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_search`);
    await q.query(`DROP TABLE event_relations`);
  }
}

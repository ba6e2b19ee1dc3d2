import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

/** A report of client-server-api "Reporting content": one of its three targets is set by `kind`. */
export interface NewContentReport {
  kind: 'event' | 'room' | 'user';
  reporter: string;
  roomId: string | null;
  eventId: string | null;
  targetUserId: string | null;
  reason: string | null;
  score: number | null;
  receivedTs: number;
}

export interface ContentReportRow extends NewContentReport {
  reportId: number;
}

/** Reports users make of events, rooms and users, for the server administrators. */
@Injectable()
export class ContentReportsRepository {
  async insert(q: Queryable, report: NewContentReport): Promise<number> {
    const rows = await q.query(
      `INSERT INTO content_reports
         (kind, reporter, room_id, event_id, target_user_id, reason, score, received_ts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING report_id`,
      [
        report.kind,
        report.reporter,
        report.roomId,
        report.eventId,
        report.targetUserId,
        report.reason,
        report.score,
        report.receivedTs,
      ],
    );
    return Number(rows[0].report_id);
  }

  /** Newest first. */
  async list(q: Queryable, limit: number, beforeId?: number): Promise<ContentReportRow[]> {
    const rows = await q.query(
      `SELECT report_id, kind, reporter, room_id, event_id, target_user_id, reason, score, received_ts
       FROM content_reports WHERE ($1::bigint IS NULL OR report_id < $1)
       ORDER BY report_id DESC LIMIT $2`,
      [beforeId ?? null, limit],
    );
    return rows.map((r: Record<string, unknown>): ContentReportRow => ({
      reportId: Number(r.report_id),
      kind: r.kind as ContentReportRow['kind'],
      reporter: r.reporter as string,
      roomId: r.room_id as string | null,
      eventId: r.event_id as string | null,
      targetUserId: r.target_user_id as string | null,
      reason: r.reason as string | null,
      score: r.score as number | null,
      receivedTs: Number(r.received_ts),
    }));
  }
}

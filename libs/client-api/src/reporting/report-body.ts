import { MatrixError } from '@switchboard/protocol';
import { jsonObject, numberField, stringField } from '../accounts/request-body';
import { ReportBody } from './content-reports.service';

/**
 * A report's body. `reason` is required for rooms and users ("May be blank"); for events it is
 * optional. `score`, removed in v1.18, is still sent by older clients: "The score to rate this
 * content as where -100 is most offensive and 0 is inoffensive".
 */
export function parseReportBody(body: unknown, reasonRequired: boolean): ReportBody {
  const fields = jsonObject(body);
  const reason = reasonRequired
    ? stringField(fields, 'reason', { required: true })
    : (stringField(fields, 'reason') ?? null);
  const score = numberField(fields, 'score', { integer: true });
  if (score !== undefined && (score < -100 || score > 0)) {
    throw new MatrixError('M_INVALID_PARAM', 400, 'score must be an integer from -100 to 0');
  }
  return { reason, score: score ?? null };
}

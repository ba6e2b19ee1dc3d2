import { Edu, MatrixError, Pdu } from '@switchboard/protocol';

/** server-server-api "Transactions": "they can have at most 50 PDUs and 100 EDUs". */
export const MAX_PDUS_PER_TRANSACTION = 50;
export const MAX_EDUS_PER_TRANSACTION = 100;

export interface ReceivedTransaction {
  pdus: Pdu[];
  edus: Edu[];
}

/** The body of `PUT /send/{txnId}`; a transaction over the limits is refused whole (400). */
export function parseTransaction(body: unknown): ReceivedTransaction {
  if (!isObject(body)) throw badJson('The transaction must be a JSON object');
  const { pdus, edus = [] } = body;
  if (!Array.isArray(pdus)) throw badJson('pdus must be a list');
  if (!Array.isArray(edus)) throw badJson('edus must be a list');
  if (pdus.length > MAX_PDUS_PER_TRANSACTION || edus.length > MAX_EDUS_PER_TRANSACTION) {
    throw badJson(
      `A transaction has at most ${MAX_PDUS_PER_TRANSACTION} PDUs and ${MAX_EDUS_PER_TRANSACTION} EDUs`,
    );
  }
  return {
    pdus: pdus as Pdu[],
    edus: edus.filter((edu): edu is Edu => isObject(edu) && typeof edu.edu_type === 'string'),
  };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badJson(message: string): MatrixError {
  return new MatrixError('M_BAD_JSON', 400, message);
}

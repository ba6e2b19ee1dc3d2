/** Thrown by withDeadline when the work took too long. */
export class DeadlinePassed extends Error {}

/**
 * The work's result, or DeadlinePassed after `ms`. The work is not cancelled (a request to an
 * application service keeps its own socket timeout); the caller just stops waiting for it.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DeadlinePassed(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

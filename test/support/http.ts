/** A JSON body of a test request; tests assert its shape, so `any` is the honest type here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export async function json(res: Response): Promise<Json> {
  return res.json();
}

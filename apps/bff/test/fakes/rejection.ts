/**
 * What a promise rejected with, as the HTTP layer sees an application error: `{ status, code, message }`
 * ('resolved' when it did not reject). Reads the fields, not the class, so it keeps working however the error
 * type maps codes to statuses.
 */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ status: number | undefined; code: string | undefined; message: string } | 'resolved'> {
  try {
    await promise;
    return 'resolved';
  } catch (err) {
    const e = err as { status?: number; code?: string; message?: string; getStatus?: () => number };
    return { status: e.status ?? e.getStatus?.(), code: e.code, message: e.message ?? String(err) };
  }
}

/** The HTTP status a promise rejected with (`'resolved'` when it did not reject). */
export async function statusOf(promise: Promise<unknown>): Promise<number | undefined | 'resolved'> {
  const r = await rejection(promise);
  return r === 'resolved' ? r : r.status;
}

import { isImkitError } from '@imkit/sdk';

/** Awaits a call that must fail and returns its problem code (and status). */
export async function failure(
  promise: Promise<unknown>,
): Promise<{ status: number; code: string }> {
  try {
    await promise;
  } catch (error) {
    if (isImkitError(error)) return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error('expected the call to fail');
}

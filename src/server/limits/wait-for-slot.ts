import type { LimitFunction } from 'p-limit';
import { AppError, ErrorCode } from '../../errors.ts';

/**
 * Runs `work` in a slot of `limit`, but gives up waiting for the slot after `timeoutMs`: when every
 * transaction the server allows is busy, a request is told so (SERVER_BUSY) instead of queuing
 * without end. The timer covers the wait only; once started, the work runs under the
 * transaction timeout like any other. A request that gave up leaves nothing behind in the queue:
 * its turn, when it comes, is passed at once.
 */
export function waitForSlot<T>(limit: LimitFunction, work: () => Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let state: 'waiting' | 'running' | 'abandoned' = 'waiting';
    const timer = setTimeout(() => {
      if (state !== 'waiting') return;
      state = 'abandoned';
      reject(
        new AppError(ErrorCode.SERVER_BUSY, `Every database transaction was busy for ${Math.round(timeoutMs / 1000)} s; retry shortly.`, {
          details: { waitedMs: timeoutMs },
        }),
      );
    }, timeoutMs);
    limit(async () => {
      if (state === 'abandoned') return;
      state = 'running';
      clearTimeout(timer);
      try {
        resolve(await work());
      } catch (error) {
        reject(error);
      }
    }).catch(reject);
  });
}

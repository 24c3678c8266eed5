import pLimit from 'p-limit';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../../src/errors.ts';
import { waitForSlot } from '../../../../src/server/limits/wait-for-slot.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds the only slot of a one-slot limit until `release` is called. */
function heldLimit() {
  const limit = pLimit(1);
  let release!: () => void;
  const holder = limit(() => new Promise<void>((resolve) => (release = resolve)));
  return { limit, release: () => release(), holder };
}

describe('waiting for a transaction slot', () => {
  it('runs at once when a slot is free and returns what the work returns', async () => {
    await expect(waitForSlot(pLimit(1), async () => 42, 50)).resolves.toBe(42);
  });

  it('says SERVER_BUSY when no slot frees up in time, and the abandoned work never runs', async () => {
    const { limit, release, holder } = heldLimit();
    let ran = false;
    const waiting = waitForSlot(limit, async () => {
      ran = true;
    }, 30);
    const error = await waiting.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ErrorCode.SERVER_BUSY);
    release();
    await holder;
    await sleep(10);
    expect(ran).toBe(false);
    // The slot is free again for the next request.
    await expect(waitForSlot(limit, async () => 'next', 30)).resolves.toBe('next');
  });

  it('times the wait only: work that starts in time may run longer than the wait limit', async () => {
    const { limit, release } = heldLimit();
    const waiting = waitForSlot(limit, async () => {
      await sleep(80);
      return 'done';
    }, 40);
    await sleep(5);
    release();
    await expect(waiting).resolves.toBe('done');
  });

  it("passes the work's own error through", async () => {
    const failure = new AppError(ErrorCode.QUERY_TIMEOUT, 'too slow');
    await expect(waitForSlot(pLimit(1), async () => Promise.reject(failure), 50)).rejects.toBe(failure);
  });
});

// How a scheduled run retries: exponential backoff, capped, then GAVE_UP.
export type RetryPolicy = {
  /** Attempts before a run gives up. */
  maxAttempts: number;
  /** Delay after the n-th failed attempt: base × 2^(n−1), at most maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
};

/** Ten attempts over about six hours: a receiver down for a morning still gets its summary. */
export const defaultRetry: RetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 60_000,
  maxDelayMs: 2 * 3_600_000,
};

/** When the attempt after the n-th failed one may start. */
export function retryDelayMs(policy: RetryPolicy, failedAttempts: number): number {
  return Math.min(policy.baseDelayMs * 2 ** (failedAttempts - 1), policy.maxDelayMs);
}

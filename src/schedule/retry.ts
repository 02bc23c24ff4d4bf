// How a scheduled run retries: exponential backoff, capped, then GAVE_UP.
import type { RetryPolicy } from "../config.ts";

/** When the attempt after the n-th failed one may start. */
export function retryDelayMs(policy: RetryPolicy, failedAttempts: number): number {
  return Math.min(policy.baseDelayMs * 2 ** (failedAttempts - 1), policy.maxDelayMs);
}

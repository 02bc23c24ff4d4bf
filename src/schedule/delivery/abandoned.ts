// A delivery cut short because the scheduler is stopping (its abort signal fired): not an answer
// of the receiver, so the attempt is not held against the target (scheduler.ts).
export class DeliveryAbandoned extends Error {
  constructor() {
    super("abandoned: the scheduler is stopping (aborted)");
  }
}

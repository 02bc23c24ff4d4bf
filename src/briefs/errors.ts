// A brief asked for with bad input: the message names what is wrong, argumentName where.
import { Refusal } from "../domain/refusal.ts";

export class BriefInputError extends Refusal {
  constructor(message: string, argumentName: string) {
    super(message, "BAD_USER_INPUT", argumentName);
  }
}

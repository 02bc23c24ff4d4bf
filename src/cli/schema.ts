// `attache schema print`: the SDL that is committed as schema.graphql.
import { printedSchema } from "../graphql/schema.ts";

export async function print(): Promise<number> {
  process.stdout.write(printedSchema());
  return 0;
}

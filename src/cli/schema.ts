// `attache schema print`: the SDL that is committed as schema.graphql.
import { printedSchema } from "../graphql/schema.ts";
import { CliError, type Command } from "./io.ts";

export const schemaCommand: Command = async ([action]) => {
  if (action !== "print") throw new CliError("usage: attache schema print", 2);
  process.stdout.write(printedSchema());
  return 0;
};

// `attache query '<graphql>' [--variables JSON] [--locale zh]`: run an operation in-process, as
// the local operator (an admin: whoever can open the database file can change it anyway).
import { parseArgs } from "node:util";
import { graphql } from "graphql";
import { operator } from "../auth/principal.ts";
import { migrateDatabase, openDatabase } from "../db/client.ts";
import { isLocale } from "../domain/locale.ts";
import { clientErrorFor } from "../graphql/errors.ts";
import { schema } from "../graphql/schema.ts";
import { CliError, type Command } from "./io.ts";

export const queryCommand: Command = async (args, config) => {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { variables: { type: "string" }, locale: { type: "string", default: "en" } },
  });
  const [source] = positionals;
  if (!source) throw new CliError("usage: attache query '<graphql>' [--variables JSON]", 2);
  let variableValues: Record<string, unknown> | undefined;
  try {
    variableValues = values.variables ? JSON.parse(values.variables) : undefined;
  } catch (error) {
    throw new CliError(`--variables is not valid JSON: ${(error as Error).message}`, 2);
  }
  const locale = values.locale ?? "en";
  if (!isLocale(locale)) throw new CliError(`--locale must be en or zh, not "${locale}"`, 2);
  const db = openDatabase(config.dbFile);
  try {
    migrateDatabase(db);
    const result = await graphql({
      schema,
      source,
      variableValues,
      contextValue: { db, locale, auth: operator("cli") },
    });
    if (result.errors?.length) {
      // The same client errors the HTTP API gives (refusals with their code and argument).
      const errors = result.errors.map((error) => clientErrorFor(error) ?? error);
      process.stderr.write(`${JSON.stringify({ errors }, null, 2)}\n`);
      if (result.data) process.stdout.write(`${JSON.stringify({ data: result.data }, null, 2)}\n`);
      return 1;
    }
    process.stdout.write(`${JSON.stringify({ data: result.data }, null, 2)}\n`);
    return 0;
  } finally {
    db.$client.close();
  }
};

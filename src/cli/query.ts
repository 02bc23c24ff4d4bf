// `attache query '<graphql>' [--variables JSON] [--locale zh]`: run an operation in-process, as
// the local operator (an admin: whoever can open the database file can change it anyway).
import { graphql } from "graphql";
import { operator } from "../auth/principal.ts";
import type { Config } from "../config.ts";
import type { Locale } from "../domain/locale.ts";
import { clientErrorFor } from "../graphql/errors.ts";
import { schema } from "../graphql/schema.ts";
import { withDatabase } from "./database.ts";
import { CliError } from "./io.ts";

export async function query(
  config: Config,
  source: string,
  options: { variables?: string; locale?: Locale },
): Promise<number> {
  let variableValues: Record<string, unknown> | undefined;
  try {
    variableValues = options.variables ? JSON.parse(options.variables) : undefined;
  } catch (error) {
    throw new CliError(`--variables is not valid JSON: ${(error as Error).message}`, 2);
  }
  const locale = options.locale ?? "en";
  return withDatabase(config, async (db) => {
    const result = await graphql({
      schema,
      source,
      variableValues,
      contextValue: {
        db,
        locale,
        auth: operator("cli"),
        deliveryPolicy: {
          allow: config.delivery.webhookAllow,
          smtpConfigured: config.delivery.smtpUrl !== null,
        },
      },
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
  });
}

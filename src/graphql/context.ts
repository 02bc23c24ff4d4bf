// What every resolver receives: the database, the reader's language and who is calling.
import type { AuthState } from "../auth/principal.ts";
import type { Db } from "../db/client.ts";
import type { Locale } from "../domain/locale.ts";

export type GraphQLContext = {
  db: Db;
  locale: Locale;
  /** Who is calling (from the Authorization header, or the CLI's operator), for scope-auth. */
  auth: AuthState;
};

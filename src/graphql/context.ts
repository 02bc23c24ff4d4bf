// What every resolver receives: the database and the reader's language.
import type { Db } from "../db/client.ts";
import type { Locale } from "../domain/locale.ts";

export type GraphQLContext = { db: Db; locale: Locale };

// graphql-yoga serving the schema: locale from the request, protections against abusive
// queries, and masked internal errors (only GraphQLErrors raised on purpose reach clients).
import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { createYoga, maskError } from "graphql-yoga";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { isLocale, localeFromHeader } from "../domain/locale.ts";
import type { Logger } from "../log.ts";
import { authenticateRequest } from "./auth.ts";
import type { GraphQLContext } from "./context.ts";
import { clientErrorFor } from "./errors.ts";
import { schema } from "./schema.ts";

const exampleQuery = `# Attaché: China–Kyrgyzstan relations. Try the operations below.
query Dossier {
  relationship(between: ["KG", "CN"]) {
    key
    partnership { level { label rank } since attestedOn }
    eventCount
    events(first: 5) {
      nodes {
        date
        title
        type { label cameo }
        participants { role person { name nameI18n { en zh } } }
        documents { kind action title(locale: ZH) }
        statements { kind joint side { code } text }
        citations { source { title publishedOn page } }
      }
    }
  }
  search(query: "中吉乌铁路") { kind snippet node { id } }
}
`;

export type GraphQLServices = Pick<GraphQLContext, "briefs" | "scheduler" | "publicUrl">;

/** Anonymous callers may read when `publicRead` (ATTACHE_PUBLIC_READ=true); writes need a key. */
export type GraphQLOptions = GraphQLServices & { publicRead?: boolean };

const signInHint = `# Reading needs an API key. Open "Headers" below and enter
#   {"Authorization": "Bearer att_…"}
# with the admin token \`npm start\` printed on its first start, or a key from
# \`node bin/attache.mjs keys create --role viewer --name NAME\`. Then run the query (Ctrl-Enter).
`;

export function createGraphQLHandler(
  db: Db,
  limits: Config["limits"],
  logger?: Logger,
  options: GraphQLOptions = {},
) {
  const { publicRead = false, ...services } = options;
  return createYoga<object, GraphQLContext>({
    schema,
    graphqlEndpoint: "/graphql",
    graphiql: {
      title: "Attaché GraphQL",
      defaultQuery: publicRead ? exampleQuery : `${signInHint}${exampleQuery}`,
      // The Authorization header survives reloads (in this browser's local storage).
      shouldPersistHeaders: true,
    },
    landingPage: false,
    maskedErrors: {
      maskError: (error, message, isDev) =>
        clientErrorFor(error) ?? maskError(error, message, isDev),
    },
    logging: logger ? { ...logger } : false,
    context: ({ request }): GraphQLContext => {
      const explicit = request.headers.get("x-attache-locale")?.toLowerCase();
      return {
        db,
        ...services,
        // A wrong or revoked key fails the whole request with 401, reads included.
        auth: authenticateRequest(db, request.headers.get("authorization"), publicRead),
        locale:
          explicit && isLocale(explicit)
            ? explicit
            : localeFromHeader(request.headers.get("accept-language")),
      };
    },
    plugins: [
      EnvelopArmorPlugin({
        maxDepth: { n: limits.depth },
        costLimit: { maxCost: limits.cost },
        maxAliases: { n: limits.aliases },
        maxTokens: { n: limits.tokens },
        maxDirectives: { n: 20 },
      }),
    ],
  });
}

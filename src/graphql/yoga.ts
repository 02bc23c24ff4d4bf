// graphql-yoga serving the schema: locale from the request, protections against abusive
// queries, and masked internal errors (only GraphQLErrors raised on purpose reach clients).
import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { GraphQLError } from "graphql";
import { createYoga, maskError, type Plugin } from "graphql-yoga";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { Logger } from "../log.ts";
import type { GraphQLContext } from "./context.ts";
import { untagCursors } from "./cursors.ts";
import { badTextInRequest, clientErrorFor, limitErrorFor, literalErrorFor } from "./errors.ts";
import { callerOf, responseCache } from "./response-cache.ts";
import { resultSizePlugin } from "./result-size.ts";
import { schema } from "./schema.ts";
import { searchCostPlugin } from "./search-cost.ts";

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

export type GraphQLServices = Pick<
  GraphQLContext,
  "briefs" | "scheduler" | "briefLinks" | "deliveryPolicy" | "busyTimeoutMs"
>;

export type GraphQLOptions = GraphQLServices & {
  /** Anonymous callers may read (ATTACHE_PUBLIC_READ=true); writes always need a key. */
  publicRead?: boolean;
  /** Origins browsers may call from (ATTACHE_CORS_ORIGINS); none by default. */
  corsOrigins?: string[];
};

const signInHint = `# Reading needs an API key. Open "Headers" below and enter
#   {"Authorization": "Bearer att_…"}
# with the admin token \`npm start\` printed on its first start, or a key from
# \`node bin/attache.mjs keys create --role viewer --name NAME\`. Then run the query (Ctrl-Enter).
`;

/** What GraphiQL shows first: runnable as it is against the schema. */
export function graphiqlDefaultQuery(publicRead: boolean): string {
  return publicRead ? exampleQuery : `${signInHint}${exampleQuery}`;
}

/**
 * Refusals before execution, given what execution's errors have: graphql-armor's (worded as
 * "Syntax Error", no code) get QUERY_TOO_COMPLEX and the limit; a literal argument validation
 * refused gets BAD_USER_INPUT and the argument's name.
 */
const requestErrors: Plugin = {
  // The last hook before a result is sent: parse errors cached by yoga pass here too.
  onResultProcess: ({ result, setResult }) => {
    if (Array.isArray(result) || !("errors" in result) || !result.errors) return;
    const errors = result.errors.map(
      (error) => limitErrorFor(error) ?? literalErrorFor(error) ?? error,
    );
    if (errors.some((error, i) => error !== result.errors?.[i])) setResult({ ...result, errors });
  },
};

/** Levels of arrays and objects the variables may nest: input types nest a few. */
export const MAX_VARIABLES_DEPTH = 64;

/** Whether `value` nests arrays and objects deeper than `max`; iterative, for any depth. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [inner, depth] = item;
    if (!inner || typeof inner !== "object") continue;
    if (depth >= max) return true;
    for (const child of Object.values(inner)) stack.push([child, depth + 1]);
  }
  return false;
}

const badRequest = (message: string) =>
  new GraphQLError(message, { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });

/**
 * A request that is not one: `variables` or `extensions` in a GET's query string that are not
 * JSON (yoga's parser throws a bare SyntaxError: a 500 and a stack in the log), and variables
 * nested so deep that serialising them for the response cache overflowed the stack. Both get 400.
 */
const requestChecks: Plugin = {
  onRequestParse: ({ requestParser, setRequestParser }) => {
    if (!requestParser) return;
    setRequestParser(async (request) => {
      try {
        return await requestParser(request);
      } catch (error) {
        if (error instanceof SyntaxError) {
          throw badRequest(`The variables or extensions are not valid JSON: ${error.message}`);
        }
        throw error;
      }
    });
  },
  onParams: ({ params, setResult }) => {
    if (
      nestsDeeperThan(params.variables, MAX_VARIABLES_DEPTH) ||
      nestsDeeperThan(params.extensions, MAX_VARIABLES_DEPTH)
    ) {
      setResult({
        errors: [badRequest(`The variables nest more than ${MAX_VARIABLES_DEPTH} levels deep`)],
      });
    }
  },
};

/**
 * Before anything runs: NUL bytes and lone surrogates in any string argument are refused, and
 * cursors are checked against their list and stripped of its tag (cursors.ts).
 */
const inputChecks: Plugin = {
  onExecute: ({ args, executeFn, setExecuteFn, setResultAndStopExecution }) => {
    const error = badTextInRequest(args.document, args.variableValues);
    if (error) return setResultAndStopExecution({ errors: [error] });
    const cursors = untagCursors(args.schema, args.document, args.variableValues);
    if (cursors instanceof GraphQLError) return setResultAndStopExecution({ errors: [cursors] });
    setExecuteFn((next) =>
      executeFn({ ...next, document: cursors.document, variableValues: cursors.variables }),
    );
  },
  onSubscribe: ({ args, setResultAndStopExecution }) => {
    const error = badTextInRequest(args.document, args.variableValues);
    if (error) setResultAndStopExecution({ errors: [error] });
  },
};

/**
 * yoga logs every error its masking replaced at error level, as a bare object. A refusal of the
 * client's request (bad input, a conflict, a stale version) is not a fault of ours: debug; a busy
 * or full database: warn; anything else stays an error, with its message and stack as fields.
 */
function yogaLogger(
  logger: Logger,
): Record<"debug" | "info" | "warn" | "error", (...args: unknown[]) => void> {
  const words = (args: unknown[]) =>
    args.map((a) => (a instanceof Error ? a.message : String(a))).join(" ");
  return {
    debug: (...args) => logger.debug(words(args)),
    info: (...args) => logger.info(words(args)),
    warn: (...args) => logger.warn(words(args)),
    error: (...args) => {
      const [error] = args;
      const refusal = error instanceof Error ? clientErrorFor(error) : null;
      if (!refusal) {
        logger.error("request failed", {
          error: words(args),
          ...(error instanceof Error ? { stack: error.stack } : {}),
        });
        return;
      }
      const { code } = refusal.extensions;
      const level = code === "BUSY" || code === "STORAGE" ? "warn" : "debug";
      logger[level]("request refused", { code, error: refusal.message });
    },
  };
}

export function createGraphQLHandler(
  db: Db,
  limits: Config["limits"],
  logger?: Logger,
  options: GraphQLOptions = {},
) {
  const { publicRead = false, corsOrigins = [], ...services } = options;
  const caller = callerOf(db, publicRead);
  return createYoga<object, GraphQLContext>({
    schema,
    graphqlEndpoint: "/graphql",
    // Served from our own dependencies (no CDN), so it works on networks without internet.
    renderGraphiQL,
    // Bearer keys, not cookies: an allowed origin gets no credentials header.
    cors: (request) => {
      const origin = request.headers.get("origin");
      return origin && corsOrigins.includes(origin)
        ? { origin, credentials: false, methods: ["GET", "POST"] }
        : false;
    },
    graphiql: {
      title: "Attaché GraphQL",
      defaultQuery: graphiqlDefaultQuery(publicRead),
      // The Authorization header survives reloads (in this browser's local storage).
      shouldPersistHeaders: true,
    },
    landingPage: false,
    maskedErrors: {
      maskError: (error, message, isDev) =>
        clientErrorFor(error) ?? maskError(error, message, isDev),
    },
    logging: logger ? yogaLogger(logger) : false,
    context: ({ request }): GraphQLContext => ({ db, ...services, ...caller(request) }),
    plugins: [
      requestChecks,
      requestErrors,
      inputChecks,
      EnvelopArmorPlugin({
        maxDepth: { n: limits.depth },
        costLimit: { maxCost: limits.cost },
        maxAliases: { n: limits.aliases },
        maxTokens: { n: limits.tokens },
        maxDirectives: { n: 20 },
      }),
      searchCostPlugin(limits.searchCost),
      resultSizePlugin(limits.values),
      responseCache(db, caller, limits.responseCacheMegabytes),
    ],
  });
}

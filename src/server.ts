// HTTP: /graphql (GraphiQL in a browser), /healthz (process up), /readyz (database reachable,
// data directory writable with room), /briefs/<publicId>.pdf and .html.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { linkSecret as configuredLinkSecret } from "./auth/link-secret.ts";
import type { BriefService } from "./briefs/service.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import { createGraphQLHandler } from "./graphql/yoga.ts";
import { readBoundedBody } from "./http/body.ts";
import { BRIEF_FILE_PATH, serveBriefFile } from "./http/brief-files.ts";
import { type BriefLinks, briefLinksFromConfig } from "./http/brief-links.ts";
import { readiness } from "./http/health.ts";
import { serveUnsubscribe, UNSUBSCRIBE_PATH } from "./http/unsubscribe.ts";
import type { Logger } from "./log.ts";
import type { Scheduler } from "./schedule/scheduler.ts";

export type RunningServer = { url: string; close: () => Promise<void> };

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** The services behind the API; without them, the data API still serves. */
export type Services = {
  briefs?: BriefService;
  scheduler?: Scheduler;
  links?: BriefLinks;
  /** Signs the unsubscribe links of scheduled emails. */
  linkSecret?: string;
};

export function createRequestHandler(
  db: Db,
  config: Config,
  logger: Logger,
  {
    briefs,
    scheduler,
    links = briefLinksFromConfig(config),
    linkSecret = configuredLinkSecret(config),
  }: Services = {},
) {
  const yoga = createGraphQLHandler(db, config.limits, logger, {
    briefs,
    scheduler,
    briefLinks: links,
    deliveryPolicy: {
      allow: config.delivery.webhookAllow,
      smtpConfigured: config.delivery.smtpUrl !== null,
    },
    busyTimeoutMs: config.busyTimeoutMs,
    publicRead: config.publicRead,
    corsOrigins: config.corsOrigins,
  });
  const files = { db, dataDir: config.dataDir, links, publicRead: config.publicRead };
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = performance.now();
    res.on("finish", () => {
      logger.info("request", {
        method: req.method,
        path: req.url?.split("?")[0],
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    });
    // Nothing here is to be shown inside another site's page: GraphiQL keeps a key in local
    // storage and runs what its editor holds, and a framed page can be clicked through unseen.
    // Pages with a policy of their own (brief previews, unsubscribe) repeat frame-ancestors.
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
    } catch {
      // Node passes on any request target (`GET http://[ HTTP/1.1`): not one we can route.
      return sendJson(res, 400, { error: "malformed request target" });
    }
    const path = url.pathname;
    if (path === "/healthz") return sendJson(res, 200, { status: "ok" });
    if (path === "/readyz") {
      const ready = await readiness(db, config.dataDir, config.minFreeBytes);
      return sendJson(res, ready.status === "ready" ? 200 : 503, ready);
    }
    if (path === "/graphql") {
      if (req.method === "POST") {
        // The whole body, declared or chunked, within the limit, before yoga parses it.
        const read = await readBoundedBody(req, config.limits.bodyBytes);
        if (!read.ok) {
          return sendJson(
            res,
            413,
            {
              errors: [
                {
                  message: `the request body exceeds the limit of ${config.limits.bodyBytes} bytes (ATTACHE_MAX_BODY_BYTES)`,
                  extensions: { code: "PAYLOAD_TOO_LARGE" },
                },
              ],
            },
            { connection: "close" },
          );
        }
        if (read.body.length > 0)
          (req as http.IncomingMessage & { body?: Buffer }).body = read.body;
      }
      return yoga(req, res);
    }
    const briefFile = BRIEF_FILE_PATH.exec(path);
    if (briefFile && (req.method === "GET" || req.method === "HEAD")) {
      return serveBriefFile(
        req,
        res,
        files,
        briefFile[1] as string,
        briefFile[2] as "pdf" | "html",
        url.searchParams,
      );
    }
    const unsubscribeLink = UNSUBSCRIBE_PATH.exec(path ?? "");
    if (unsubscribeLink && (req.method === "GET" || req.method === "POST")) {
      return serveUnsubscribe(req, res, db, linkSecret, unsubscribeLink[1] as string);
    }
    if (path === "/") {
      res.writeHead(302, { location: "/graphql" });
      return res.end();
    }
    return sendJson(res, 404, { error: `no route for ${path}` });
  };
}

export async function startServer(
  db: Db,
  config: Config,
  logger: Logger,
  services: Services = {},
): Promise<RunningServer> {
  const handle = createRequestHandler(db, config, logger, services);
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      logger.error("request failed", { path: req.url?.split("?")[0], error: error.message });
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  // A client that trickles its headers or body does not hold a connection for minutes.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  return {
    url: `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

// HTTP: /graphql (GraphiQL in a browser), /healthz (process up), /readyz (database reachable),
// /briefs/:id.pdf and /briefs/:id.html.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import type { BriefService } from "./briefs/service.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import { createGraphQLHandler } from "./graphql/yoga.ts";
import { BRIEF_FILE_PATH, serveBriefFile } from "./http/brief-files.ts";
import type { Logger } from "./log.ts";
import type { Scheduler } from "./schedule/scheduler.ts";

export type RunningServer = { url: string; close: () => Promise<void> };

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** The services behind the API; without them, the data API still serves. */
export type Services = { briefs?: BriefService; scheduler?: Scheduler };

export function createRequestHandler(
  db: Db,
  config: Config,
  logger: Logger,
  { briefs, scheduler }: Services = {},
) {
  const yoga = createGraphQLHandler(db, config.limits, logger, {
    briefs,
    scheduler,
    publicUrl: config.publicUrl,
    publicRead: config.publicRead,
  });
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = performance.now();
    res.on("finish", () => {
      logger.info("request", {
        method: req.method,
        path: req.url,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    });
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz") return sendJson(res, 200, { status: "ok" });
    if (path === "/readyz") {
      try {
        db.get(sql`SELECT 1`);
        return sendJson(res, 200, { status: "ready" });
      } catch (error) {
        return sendJson(res, 503, { status: "unavailable", error: (error as Error).message });
      }
    }
    if (path === "/graphql") {
      if (req.method === "POST") {
        // Refuse oversized bodies before yoga reads them: the length must be declared and bounded.
        const length = Number(req.headers["content-length"]);
        if (!req.headers["content-length"] || !Number.isFinite(length)) {
          return sendJson(res, 411, { errors: [{ message: "Content-Length is required" }] });
        }
        if (length > config.limits.bodyBytes) {
          return sendJson(res, 413, {
            errors: [
              {
                message: `request body of ${length} bytes exceeds the limit of ${config.limits.bodyBytes}`,
                extensions: { code: "PAYLOAD_TOO_LARGE" },
              },
            ],
          });
        }
      }
      return yoga(req, res);
    }
    const briefFile = BRIEF_FILE_PATH.exec(path ?? "");
    if (briefFile && (req.method === "GET" || req.method === "HEAD")) {
      return serveBriefFile(req, res, briefs, Number(briefFile[1]), briefFile[2] as "pdf" | "html");
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
  const server = http.createServer(createRequestHandler(db, config, logger, services));
  server.keepAliveTimeout = 5_000;
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

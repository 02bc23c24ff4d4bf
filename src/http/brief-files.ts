// GET /briefs/<publicId>.pdf and .html: the stored files, for readers with a key of any role (or
// anyone when ATTACHE_PUBLIC_READ is on), or for whoever holds a signed link that has not
// expired. Unknown, unfinished and unreadable briefs all answer the same 404, so a prober learns
// nothing. Ranges and conditional requests are `send`'s work.
import type http from "node:http";
import { eq } from "drizzle-orm";
import send from "send";
import { authenticateToken } from "../auth/keys.ts";
import { briefFileName } from "../briefs/file-name.ts";
import type { Db } from "../db/client.ts";
import { briefs } from "../db/schema.ts";
import type { BriefFileExtension, BriefLinks } from "./brief-links.ts";

/** Public ids are 22 base64url characters (older rows: 32 hex digits). */
export const BRIEF_FILE_PATH = /^\/briefs\/([A-Za-z0-9_-]{22,32})\.(pdf|html)$/;

export type BriefFileOptions = {
  db: Db;
  dataDir: string;
  links: BriefLinks;
  publicRead: boolean;
};

const types = { pdf: "application/pdf", html: "text/html; charset=utf-8" } as const;

/** Whether the request may read briefs: a signed link, public reading, or a valid key. */
function mayRead(
  req: http.IncomingMessage,
  query: URLSearchParams,
  publicId: string,
  { db, links, publicRead }: BriefFileOptions,
): boolean {
  if (query.has("signature"))
    return links.verify(publicId, query.get("expires"), query.get("signature"));
  if (publicRead) return true;
  const token = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? "")?.[1];
  return token !== undefined && authenticateToken(db, token).ok;
}

export async function serveBriefFile(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: BriefFileOptions,
  publicId: string,
  extension: BriefFileExtension,
  query: URLSearchParams,
): Promise<void> {
  const [row] = mayRead(req, query, publicId, options)
    ? await options.db
        .select({
          status: briefs.status,
          file: briefs.file,
          sha256: briefs.sha256,
          spec: briefs.spec,
        })
        .from(briefs)
        .where(eq(briefs.publicId, publicId))
        .limit(1)
    : [];
  if (row?.status !== "done" || !row.file || !row.sha256) return notFound(res);
  // A brief never changes once done: its bytes are named by their hash.
  res.setHeader("ETag", `"${row.sha256}${extension === "html" ? "-html" : ""}"`);
  res.setHeader("Cache-Control", "private, max-age=31536000, immutable");
  res.setHeader("Content-Type", types[extension]);
  res.setHeader("Content-Disposition", `inline; filename="${briefFileName(row, extension)}"`);
  res.setHeader("X-Content-Type-Options", "nosniff");
  if (extension === "html") {
    // The preview is data, not an app: no scripts, nothing fetched.
    res.setHeader(
      "Content-Security-Policy",
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'none'",
    );
  }
  const file = extension === "pdf" ? row.file : row.file.replace(/\.pdf$/, ".html");
  // A client's "Cache-Control: no-cache" asks caches on the way to revalidate (RFC 9111
  // §5.2.1.4); it does not stop the origin answering If-None-Match (fetch() always sends it).
  delete req.headers["cache-control"];
  send(req, file, { root: options.dataDir, etag: false, lastModified: false, index: false })
    .on("error", (error: { status?: number; headers?: Record<string, string> }) => {
      const status = error.status ?? 500;
      if (status === 404) {
        // The row says done but the file is gone (deleted by hand, a restored backup).
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        notFound(res);
        return;
      }
      // 416 (a range past the end) and 412 (a failed If-Match), with send's Content-Range.
      res.writeHead(status, error.headers ?? {});
      res.end();
    })
    .pipe(res);
}

function notFound(res: http.ServerResponse): void {
  const body = JSON.stringify({ error: "no such brief" });
  res.writeHead(404, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

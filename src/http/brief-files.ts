// GET /briefs/:id.pdf and /briefs/:id.html: stored files, named for a reader, cached by sha256.
import fs from "node:fs";
import type http from "node:http";
import type { BriefService } from "../briefs/service.ts";
import { briefFileName } from "../graphql/brief.ts";

export const BRIEF_FILE_PATH = /^\/briefs\/(\d+)\.(pdf|html)$/;

const types = { pdf: "application/pdf", html: "text/html; charset=utf-8" } as const;

export function serveBriefFile(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  service: BriefService | undefined,
  id: number,
  extension: "pdf" | "html",
): void {
  const row = service?.get(id);
  if (!service || !row) {
    notFound(res, `no brief ${id}`);
    return;
  }
  if (row.status !== "done" || !row.file || !row.sha256) {
    res.writeHead(409, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ error: `brief ${id} is ${row.status}`, status: row.status }));
    return;
  }
  const file = service.filePath(
    extension === "pdf" ? row.file : row.file.replace(/\.pdf$/, ".html"),
  );
  if (!fs.existsSync(file)) {
    notFound(res, `the file of brief ${id} is missing`);
    return;
  }
  // A brief never changes once done: its bytes are named by their hash.
  const etag = `"${row.sha256}${extension === "html" ? "-html" : ""}"`;
  const headers: Record<string, string | number> = {
    etag,
    "cache-control": "private, max-age=31536000, immutable",
    "content-type": types[extension],
    "content-disposition": `inline; filename="${briefFileName(row, extension)}"`,
    "x-content-type-options": "nosniff",
  };
  if (extension === "html") {
    // The preview is data, not an app: no scripts, nothing fetched.
    headers["content-security-policy"] =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";
  }
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  headers["content-length"] = fs.statSync(file).size;
  res.writeHead(200, headers);
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  fs.createReadStream(file).pipe(res);
}

function notFound(res: http.ServerResponse, message: string): void {
  res.writeHead(404, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify({ error: message }));
}

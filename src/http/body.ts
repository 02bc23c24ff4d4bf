// Request bodies read whole, up to a limit, whether their length is declared or chunked.
import type http from "node:http";

export type BodyResult = { ok: true; body: Buffer } | { ok: false; bytes: number };

/** Reads the body; stops reading (and reports the size so far) once it passes `limit`. */
export function readBoundedBody(req: http.IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.resolve({ ok: false, bytes: declared });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limit) {
        req.off("data", onData);
        // Read no more of it; the response is sent and the connection closed after it.
        req.pause();
        resolve({ ok: false, bytes });
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve({ ok: true, body: Buffer.concat(chunks) }));
    req.once("error", reject);
  });
}

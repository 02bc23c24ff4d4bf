// /unsubscribe/<token>: the List-Unsubscribe link of scheduled emails. GET shows a confirmation
// button (mail scanners follow links, and must not unsubscribe anyone); POST unsubscribes, as
// RFC 8058's one-click does.
import type http from "node:http";
import type { Db } from "../db/client.ts";
import { unsubscribe, unsubscribeTarget } from "../schedule/unsubscribe.ts";

export const UNSUBSCRIBE_PATH = /^\/unsubscribe\/([A-Za-z0-9._-]{1,80})$/;

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string,
  );

function page(res: http.ServerResponse, status: number, body: string): void {
  const html = `<!doctype html><meta charset="utf-8"><title>Attaché</title><body style="font-family:sans-serif;max-width:40em;margin:3em auto">${body}</body>`;
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    "cache-control": "no-store",
  });
  res.end(html);
}

export async function serveUnsubscribe(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  db: Db,
  secret: string | undefined,
  token: string,
): Promise<void> {
  const target = secret ? await unsubscribeTarget(db, secret, token) : null;
  if (!secret || !target) {
    page(res, 404, "<p>This unsubscribe link is not valid.</p>");
    return;
  }
  const address = escapeHtml(target.address as string);
  if (req.method === "POST") {
    req.resume();
    await unsubscribe(db, secret, token);
    page(res, 200, `<p>${address} will receive no more messages from this schedule.</p>`);
    return;
  }
  if (target.removedAt) {
    page(res, 200, `<p>${address} is already unsubscribed from this schedule.</p>`);
    return;
  }
  page(
    res,
    200,
    `<form method="post"><p>Stop sending this schedule's summaries to ${address}?</p><button type="submit">Unsubscribe</button></form>`,
  );
}

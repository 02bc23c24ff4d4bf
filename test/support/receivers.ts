// Real delivery receivers on loopback: an HTTP webhook endpoint that verifies Standard Webhooks
// signatures itself, and an SMTP server that parses what it receives.
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedWebhook = {
  id: string;
  timestamp: number;
  verified: boolean;
  payload: Record<string, unknown>;
};

/** `respond` decides each answer: a status code, or "hang" to never answer. */
export async function webhookReceiver(
  secret: string,
  respond: (n: number) => number | "hang" = () => 200,
) {
  const received: ReceivedWebhook[] = [];
  let calls = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const id = String(req.headers["webhook-id"]);
      const timestamp = Number(req.headers["webhook-timestamp"]);
      const expected = createHmac("sha256", Buffer.from(secret.replace(/^whsec_/, ""), "base64"))
        .update(`${id}.${timestamp}.${body}`)
        .digest();
      const verified = String(req.headers["webhook-signature"])
        .split(" ")
        .some((sig) => {
          const [version, value] = sig.split(",");
          const given = Buffer.from(value ?? "", "base64");
          return (
            version === "v1" && given.length === expected.length && timingSafeEqual(given, expected)
          );
        });
      const answer = respond(++calls);
      if (answer === "hang") return; // never answers: the sender must time out
      if (answer >= 200 && answer < 300)
        received.push({ id, timestamp, verified, payload: JSON.parse(body) });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    calls: () => calls,
    close: () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return closed;
    },
  };
}

export async function smtpReceiver() {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

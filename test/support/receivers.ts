// Real delivery receivers on loopback: an HTTP webhook endpoint that verifies every POST with the
// official Standard Webhooks library, and an SMTP server that parses what it receives.
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { Webhook } from "standardwebhooks";

export type ReceivedWebhook = {
  id: string;
  timestamp: number;
  /** Whether the official library verified it with the receiver's secret. */
  verified: boolean;
  verifyError: string | null;
  type: string;
  payload: Record<string, unknown>;
  body: string;
  headers: Record<string, string>;
};

/** Whether the official library accepts a received message under `secret`. */
export function verifiesWith(secret: string, message: ReceivedWebhook): boolean {
  try {
    new Webhook(secret).verify(message.body, message.headers);
    return true;
  } catch {
    return false;
  }
}

/** `respond` decides each answer: a status code, or "hang" to never answer (until released). */
export async function webhookReceiver(
  secret: string,
  respond: (n: number) => number | "hang" = () => 200,
) {
  const received: ReceivedWebhook[] = [];
  const hanging: http.ServerResponse[] = [];
  let calls = 0;
  let arrived: (() => void) | null = null;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(
        ["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [
          h,
          String(req.headers[h] ?? ""),
        ]),
      );
      let verifyError: string | null = null;
      try {
        new Webhook(secret).verify(body, headers);
      } catch (error) {
        verifyError = (error as Error).message;
      }
      const answer = respond(++calls);
      arrived?.();
      if (answer === "hang") {
        hanging.push(res);
        return;
      }
      if (answer >= 200 && answer < 300) {
        const payload = JSON.parse(body) as Record<string, unknown>;
        received.push({
          id: headers["webhook-id"] as string,
          timestamp: Number(headers["webhook-timestamp"]),
          verified: verifyError === null,
          verifyError,
          type: String(payload.type),
          payload,
          body,
          headers,
        });
      }
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    /** The messages of one event type. */
    of: (type: string) => received.filter((m) => m.type === type),
    calls: () => calls,
    /** Resolves when the next request arrives. */
    nextCall: () => new Promise<void>((resolve) => (arrived = resolve)),
    /** Answers every hanging request with `status`. */
    release: (status = 200) => {
      for (const res of hanging.splice(0)) res.writeHead(status).end();
    },
    close: () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return closed;
    },
  };
}

/**
 * A TCP server that holds its connections open and notes how long each lasted until the client
 * closed it: the base of the receivers below, which differ only in what they write.
 */
async function holdingServer(onConnection: (socket: net.Socket) => () => void, scheme: string) {
  let connections = 0;
  /** How long each connection lasted until the client closed it, in ms. */
  const closedAfter: number[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    const opened = Date.now();
    socket.on("error", () => {});
    const stop = onConnection(socket);
    socket.on("close", () => {
      stop();
      sockets.delete(socket);
      closedAfter.push(Date.now() - opened);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    closedAfter,
    close: () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      return closed;
    },
  };
}

/**
 * A webhook endpoint that never finishes answering but is never idle: it writes its status line
 * and then an endless header one byte every `everyMs`, as a slow or hostile receiver may.
 */
export async function tricklingReceiver(everyMs = 200) {
  const server = await holdingServer((socket) => {
    const answer = "HTTP/1.1 200 OK\r\nX-Pad: ";
    let sent = 0;
    const timer = setInterval(() => {
      socket.write(sent < answer.length ? (answer[sent] as string) : "a");
      sent++;
    }, everyMs);
    return () => clearInterval(timer);
  }, "http");
  return { ...server, url: `${server.url}/hook` };
}

/**
 * An SMTP server that accepts connections and never greets, as a stuck or hostile relay may: a
 * client waits for its "220" until its own greeting timeout.
 */
export function silentSmtpServer() {
  return holdingServer(() => () => {}, "smtp");
}

export async function smtpReceiver() {
  const messages: ParsedMail[] = [];
  /** Each message's envelope recipients: who the SMTP server was asked to deliver to. */
  const envelopes: string[][] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address);
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          envelopes.push(to);
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
    envelopes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

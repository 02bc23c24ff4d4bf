// Webhook delivery checks the destination again when it connects: a listener on loopback is never
// reached by any spelling of a forbidden address, redirects are not followed, and the error says
// only that the destination is not allowed (nothing of what answered, or whether anything did).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowNothing, parseAllowList } from "../../src/net/allow-list.ts";
import { postWebhook } from "../../src/schedule/delivery/webhook.ts";

const SECRET = `whsec_${Buffer.from("destination-test-secret!").toString("base64")}`;
let port = 0;
let calls = 0;
let redirectTo = "";
const listener = http.createServer((req, res) => {
  calls++;
  req.resume();
  if (req.url === "/redirect") res.writeHead(302, { location: redirectTo }).end();
  else res.writeHead(204).end();
});

beforeAll(async () => {
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  port = (listener.address() as AddressInfo).port;
  redirectTo = `http://127.0.0.1:${port}/target`;
});
afterAll(() => new Promise<void>((resolve) => listener.close(() => resolve())));

const send = (url: string, allow = allowNothing) =>
  postWebhook(
    { url, secrets: [SECRET] },
    { id: "msg_1", payload: { type: "test" } },
    { timeoutMs: 2_000, allow },
  );

describe("webhooks at delivery time", () => {
  it.each([
    ["loopback", () => `http://127.0.0.1:${port}/h`],
    ["loopback by name (resolved when connecting)", () => `http://localhost:${port}/h`],
    ["loopback as one number", () => `http://2130706433:${port}/h`],
    ["loopback in hex", () => `http://0x7f.1:${port}/h`],
    ["IPv4-mapped IPv6 loopback", () => `http://[::ffff:127.0.0.1]:${port}/h`],
    ["unspecified", () => `http://0.0.0.0:${port}/h`],
    ["private", () => "http://10.0.0.5/h"],
    ["link-local", () => "http://169.254.169.254/latest/meta-data"],
  ])("refuses %s without contacting it", async (_class, url) => {
    const before = calls;
    const error = await send(url()).catch((e: Error) => e);
    expect((error as Error).message).toBe("destination not allowed (EDESTINATION)");
    expect(calls).toBe(before);
  });

  it("delivers where the allow-list permits, and follows no redirect", async () => {
    const allow = parseAllowList("127.0.0.1");
    const before = calls;
    await send(`http://127.0.0.1:${port}/ok`, allow);
    expect(calls).toBe(before + 1);
    const error = await send(`http://127.0.0.1:${port}/redirect`, allow).catch((e: Error) => e);
    expect((error as Error).message).toBe("answered HTTP 302; redirects are not followed");
    expect(calls).toBe(before + 2); // the redirect's target was never asked
  });

  it("keeps the cause of a network failure", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const free = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await send(`http://127.0.0.1:${free}/h`, parseAllowList("127.0.0.1")).catch(
      (e: Error) => e,
    );
    expect((error as Error).message).toBe("connection refused (ECONNREFUSED)");
  });
});

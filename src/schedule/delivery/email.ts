// Email delivery over SMTP: one message per address (no recipient sees another), a short text and
// HTML body, the PDFs attached, and a one-click List-Unsubscribe (RFC 8058) when a link is given.
import net from "node:net";
import nodemailer from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import { DeliveryAbandoned } from "./abandoned.ts";

export type MailBrief = { fileName: string; path: string; title: string; downloadUrl: string };

export type Mail = {
  from: string;
  to: string;
  subject: string;
  intro: string;
  briefs: MailBrief[];
  unsubscribeUrl?: string;
};

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string,
  );

export type MailOptions = {
  /**
   * How long the SMTP server may take to accept the connection, to greet, and to answer each
   * step (nodemailer's own defaults are 2 min, 30 s and 10 min).
   */
  timeoutMs: number;
  /** Abandons the send at once: the connection is closed (a scheduler that is stopping). */
  signal?: AbortSignal;
};

/**
 * Sends one message; throws on a refusal, a network error or a timeout. The connection is ours
 * (nodemailer's getSocket), so that `signal` can close it: nodemailer itself has no way to cut a
 * send short, and one waiting for a greeting would hold a stopping scheduler until its timeout.
 */
export async function sendBriefMail(
  smtpUrl: string,
  message: Mail,
  options: MailOptions,
): Promise<void> {
  const { signal, timeoutMs } = options;
  if (signal?.aborted) throw new DeliveryAbandoned();
  const sockets = new Set<net.Socket>();
  const getSocket: SMTPTransport.Options["getSocket"] = (settings, callback) => {
    const secure = settings.secure ?? Number(settings.port) === 465;
    const socket = net.connect({
      host: settings.host || "localhost",
      port: Number(settings.port) || (secure ? 465 : 587),
    });
    sockets.add(socket);
    let handed = false;
    const hand = (error: Error | null) => {
      if (handed) return;
      handed = true;
      clearTimeout(connecting);
      socket.off("error", hand);
      if (error) {
        socket.destroy();
        callback(error, undefined);
      } else callback(null, { connection: socket });
    };
    // Before the socket is handed over, its connect is ours to bound.
    const connecting = setTimeout(
      () => hand(Object.assign(new Error("Connection timeout"), { code: "ETIMEDOUT" })),
      timeoutMs,
    );
    socket.once("connect", () => hand(null));
    socket.once("error", hand);
    socket.once("close", () => {
      sockets.delete(socket);
      hand(new Error("Connection closed"));
    });
  };
  // The transport itself, not createTransport's options: given a `url`, those keep nothing else.
  const transport = nodemailer.createTransport(
    new SMTPTransport({
      url: smtpUrl,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      dnsTimeout: timeoutMs,
      getSocket,
    }),
  );
  let onAbort: (() => void) | undefined;
  const abandoned = new Promise<never>((_, reject) => {
    onAbort = () => {
      for (const socket of sockets) socket.destroy();
      reject(new DeliveryAbandoned());
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  abandoned.catch(() => {}); // unobserved when the send settles first
  try {
    const list = message.briefs.map((b) => `- ${b.title}: ${b.downloadUrl}`).join("\n");
    const sent = transport.sendMail({
      from: message.from,
      // An address object, so nodemailer does not split it again (a comma would make two).
      to: { name: "", address: message.to },
      subject: message.subject,
      text: `${message.intro}\n\n${list}\n`,
      html: `<p>${escapeHtml(message.intro).replace(/\n/g, "<br>")}</p><ul>${message.briefs
        .map((b) => `<li><a href="${escapeHtml(b.downloadUrl)}">${escapeHtml(b.title)}</a></li>`)
        .join("")}</ul>`,
      attachments: message.briefs.map((b) => ({
        filename: b.fileName,
        path: b.path,
        contentType: "application/pdf",
      })),
      ...(message.unsubscribeUrl
        ? {
            list: { unsubscribe: message.unsubscribeUrl },
            headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
          }
        : {}),
    });
    sent.catch(() => {}); // unobserved when abandoned first
    await Promise.race([sent, abandoned]);
  } catch (error) {
    // nodemailer says "Timeout", "Greeting never received" or "Connection timeout": one cause.
    if ((error as { code?: string }).code === "ETIMEDOUT") {
      throw new Error("no answer in time (timeout)", { cause: error });
    }
    throw error;
  } finally {
    if (onAbort) signal?.removeEventListener("abort", onAbort);
    transport.close();
  }
}

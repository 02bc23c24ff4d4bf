// Email delivery over SMTP: one message per address (no recipient sees another), a short text and
// HTML body, the PDFs attached, and a one-click List-Unsubscribe (RFC 8058) when a link is given.
import nodemailer from "nodemailer";

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

export async function sendBriefMail(smtpUrl: string, message: Mail): Promise<void> {
  const transport = nodemailer.createTransport(smtpUrl);
  try {
    const list = message.briefs.map((b) => `- ${b.title}: ${b.downloadUrl}`).join("\n");
    await transport.sendMail({
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
  } finally {
    transport.close();
  }
}

// Email delivery over SMTP: a short text and HTML body, the PDFs attached.
import nodemailer from "nodemailer";

export type MailBrief = { fileName: string; path: string; title: string; downloadUrl: string };

export async function sendBriefMail(
  smtpUrl: string,
  message: { from: string; to: string[]; subject: string; intro: string; briefs: MailBrief[] },
): Promise<void> {
  const transport = nodemailer.createTransport(smtpUrl);
  try {
    const list = message.briefs.map((b) => `- ${b.title}: ${b.downloadUrl}`).join("\n");
    const escapeHtml = (s: string) =>
      s.replace(
        /[&<>"]/g,
        (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string,
      );
    await transport.sendMail({
      from: message.from,
      to: message.to,
      subject: message.subject,
      text: `${message.intro}\n\n${list}\n`,
      html: `<p>${escapeHtml(message.intro)}</p><ul>${message.briefs
        .map((b) => `<li><a href="${escapeHtml(b.downloadUrl)}">${escapeHtml(b.title)}</a></li>`)
        .join("")}</ul>`,
      attachments: message.briefs.map((b) => ({
        filename: b.fileName,
        path: b.path,
        contentType: "application/pdf",
      })),
    });
  } finally {
    transport.close();
  }
}

// Where emails go: the operator's SMTP server (SMTP_URL, e.g. smtp://user:pass@mail.example.com:587), captured in
// memory in demo mode (shown at /demo/outbox), or nowhere — then the outbox keeps messages as "not sent: no mail
// transport" and the admin says so.
import nodemailer from "nodemailer";
import { isDemoMode } from "../demo/demo-mode.server";

export type OutgoingMail = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  messageId: string;
};

export interface MailTransport {
  readonly kind: "smtp" | "demo";
  send(mail: OutgoingMail): Promise<void>;
}

/** One captured email of demo mode: the message and its headers as they would have gone out. */
export type CapturedMail = OutgoingMail & { at: Date };

declare global {
  var __loyaltyDemoMail: CapturedMail[] | undefined;
}

/** The demo's captured emails, newest first (at most 200 are kept). */
export function capturedMail(): CapturedMail[] {
  return [...(globalThis.__loyaltyDemoMail ?? [])].reverse();
}

const demoTransport: MailTransport = {
  kind: "demo",
  async send(mail) {
    const box = (globalThis.__loyaltyDemoMail ??= []);
    box.push({ ...mail, at: new Date() });
    if (box.length > 200) box.splice(0, box.length - 200);
  },
};

/** An SMTP transport for `url`. Timeouts are short so a send finishes well inside the sender's lease. */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as never);
  return {
    kind: "smtp",
    async send(mail) {
      await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        headers: mail.headers,
        messageId: mail.messageId,
      });
    },
  };
}

let configured: MailTransport | null | undefined;

/** The process's transport: SMTP_URL when set, the demo capture in demo mode, else null. */
export function mailTransport(): MailTransport | null {
  if (configured !== undefined) return configured;
  const url = process.env.SMTP_URL;
  configured = url ? smtpTransport(url) : isDemoMode() ? demoTransport : null;
  return configured;
}

/** The sender address when a shop has none of its own. */
export function defaultFromAddress(): string {
  return process.env.SMTP_FROM ?? "Loyalty <no-reply@localhost>";
}

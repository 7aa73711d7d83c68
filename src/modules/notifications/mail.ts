// Outbound mail: stored first (queueMail, in the caller's transaction), delivered by the send-mail
// job over SMTP when SMTP_URL is set. Without SMTP, mail stays queued and readable in the app.
import nodemailer, { type Transporter } from "nodemailer";
import type pg from "pg";
import type { Db } from "../../app/db.ts";

type Queryable = Pick<pg.PoolClient, "query">;

const MAX_ATTEMPTS = 5;
// A claim older than this is considered abandoned (the process died while sending).
const CLAIM_TIMEOUT_MS = 10 * 60 * 1000;

export type MailInput = { to: string; subject: string; text: string; notificationId?: number | null };

export async function queueMail(client: Queryable, mail: MailInput, now: Date): Promise<number> {
  const { rows } = await client.query({
    text: `insert into outbound_mail (to_address, subject, text_body, notification_id, created_at)
           values ($1, $2, $3, $4, $5) returning id`,
    values: [mail.to, mail.subject, mail.text, mail.notificationId ?? null, now],
  });
  return Number(rows[0].id);
}

export type MailSender = Pick<Transporter, "sendMail" | "close">;

export function smtpTransport(smtpUrl: string): MailSender {
  return nodemailer.createTransport(smtpUrl);
}

/**
 * Delivers queued mail (one id, or up to `limit` of the oldest). Each row is claimed with a
 * conditional update (FOR UPDATE SKIP LOCKED), so several workers or nodes never send one twice;
 * no database connection is held while talking to SMTP. Returns how many were sent.
 */
export async function deliverQueuedMail(
  db: Db,
  sender: MailSender,
  from: string,
  options: { mailId?: number; limit?: number; now?: () => Date } = {},
): Promise<{ sent: number; failed: number }> {
  const clock = options.now ?? (() => new Date());
  const limit = options.mailId ? 1 : (options.limit ?? 100);
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit; i++) {
    const now = clock();
    const { rows } = await db.pool.query(
      `update outbound_mail set status = 'sending', claimed_at = $1, attempts = attempts + 1
        where id = (select id from outbound_mail
                     where (status = 'queued' or (status = 'sending' and claimed_at < $2))
                       and ($3::bigint is null or id = $3)
                     order by id limit 1 for update skip locked)
        returning id, to_address, subject, text_body, attempts`,
      [now, new Date(now.getTime() - CLAIM_TIMEOUT_MS), options.mailId ?? null],
    );
    const mail = rows[0];
    if (!mail) break;
    try {
      const info = await sender.sendMail({
        from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
      });
      await db.pool.query(
        "update outbound_mail set status = 'sent', sent_at = $2, message_id = $3, last_error = null where id = $1",
        [mail.id, clock(), info.messageId ?? null],
      );
      sent++;
    } catch (error) {
      const final = mail.attempts >= MAX_ATTEMPTS;
      await db.pool.query("update outbound_mail set status = $2, last_error = $3 where id = $1", [
        mail.id,
        final ? "failed" : "queued",
        String((error as Error)?.message ?? error).slice(0, 1000),
      ]);
      failed++;
      // Leave the rest for the next run (the server may be down); pg-boss retries the job.
      if (!options.mailId) break;
    }
  }
  return { sent, failed };
}

export type MailView = {
  id: number;
  to: string;
  subject: string;
  text: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
};

export async function listMail(
  db: Db,
  options: { status?: string; limit: number },
): Promise<{ mail: MailView[] }> {
  const { rows } = await db.pool.query(
    `select id, to_address, subject, text_body, status, attempts, last_error, created_at, sent_at
       from outbound_mail where ($1::text is null or status = $1) order by id desc limit $2`,
    [options.status ?? null, options.limit],
  );
  return {
    mail: rows.map((r) => ({
      id: Number(r.id),
      to: r.to_address,
      subject: r.subject,
      text: r.text_body,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: new Date(r.created_at).toISOString(),
      sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
    })),
  };
}

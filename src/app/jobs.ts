// Background jobs on pg-boss (a Postgres-backed queue): escalate overdue exceptions every minute,
// deliver queued mail, publish the outbox (EDI ship notices and invoices) every minute. pg-boss runs its SQL through our pool (`db` adapter), so in embedded mode it
// shares the single PGlite connection instead of opening a pool of its own.
import PgBoss from "pg-boss";
import { publishPending } from "../modules/events/publish.ts";
import { deliverQueuedMail, type MailSender, smtpTransport } from "../modules/notifications/mail.ts";
import { escalateOverdue } from "../modules/workflow/escalate.ts";
import type { Db } from "./db.ts";
import { eventHandlers } from "./event-handlers.ts";

export const ESCALATE_QUEUE = "escalate-overdue-exceptions";
export const SEND_MAIL_QUEUE = "send-mail";
export const PUBLISH_QUEUE = "publish-outbox";

export type JobsConfig = {
  smtpUrl?: string;
  mailFrom: string;
  // How often workers poll for jobs (pg-boss minimum 0.5 s).
  pollingIntervalSeconds?: number;
  // Cron schedules (off in tests that drive the functions with a controlled clock).
  schedule?: boolean;
  onError?: (error: unknown) => void;
};

export type Jobs = {
  boss: PgBoss;
  /** Asks a worker to deliver one stored mail now (otherwise the minute sweep picks it up). */
  sendMail(mailId: number): Promise<void>;
  stop(): Promise<void>;
};

export async function startJobs(db: Db, config: JobsConfig, sender?: MailSender): Promise<Jobs> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => db.pool.query(text, values as unknown[]) },
    schema: "pgboss",
    schedule: config.schedule ?? true,
    // Housekeeping every few minutes instead of pg-boss's default 2 minutes keeps the one
    // embedded connection free for requests.
    maintenanceIntervalSeconds: 300,
  } as PgBoss.ConstructorOptions);
  boss.on("error", (error) => (config.onError ?? defaultOnError)(error));
  await boss.start();
  const polling = { pollingIntervalSeconds: config.pollingIntervalSeconds ?? 2 };

  await boss.createQueue(ESCALATE_QUEUE, { name: ESCALATE_QUEUE, policy: "singleton" });
  await boss.work(ESCALATE_QUEUE, polling, async () => {
    await escalateOverdue(db, new Date());
  });

  // Singleton: one publisher at a time across all nodes (publish.ts relies on it).
  await boss.createQueue(PUBLISH_QUEUE, { name: PUBLISH_QUEUE, policy: "singleton" });
  const handlers = eventHandlers(db);
  await boss.work(PUBLISH_QUEUE, polling, async () => {
    await publishPending(db, handlers, new Date());
  });

  await boss.createQueue(SEND_MAIL_QUEUE, { name: SEND_MAIL_QUEUE, retryLimit: 5, retryBackoff: true });
  const transport = sender ?? (config.smtpUrl ? smtpTransport(config.smtpUrl) : null);
  if (transport) {
    // Without SMTP there is no worker: mail stays stored (queued) and readable at GET /api/mail.
    await boss.work<{ mailId?: number }>(SEND_MAIL_QUEUE, polling, async (jobs) => {
      for (const job of jobs) {
        const result = await deliverQueuedMail(db, transport, config.mailFrom, { mailId: job.data?.mailId });
        if (job.data?.mailId && result.failed) throw new Error(`mail ${job.data.mailId} could not be sent`);
      }
    });
  }

  if (config.schedule ?? true) {
    await boss.schedule(ESCALATE_QUEUE, "* * * * *");
    await boss.schedule(PUBLISH_QUEUE, "* * * * *");
    if (transport) await boss.schedule(SEND_MAIL_QUEUE, "* * * * *", {});
    else await boss.unschedule(SEND_MAIL_QUEUE);
  }

  return {
    boss,
    sendMail: async (mailId) => {
      await boss.send(SEND_MAIL_QUEUE, { mailId });
    },
    stop: async () => {
      await boss.stop({ graceful: true, timeout: 10_000, wait: true, close: false });
      transport?.close();
    },
  };
}

function defaultOnError(error: unknown): void {
  console.error("background jobs:", error);
}

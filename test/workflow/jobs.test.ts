// The pg-boss queue over our pool: a send-mail job delivers stored mail to a real SMTP server
// (smtp-server on 127.0.0.1), the escalation queue runs escalateOverdue, the publish queue empties
// the outbox.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/db.ts";
import { ESCALATE_QUEUE, type Jobs, PUBLISH_QUEUE, startJobs } from "../../src/app/jobs.ts";
import { queueMail } from "../../src/modules/notifications/mail.ts";
import { ensureWorkflowDefaults } from "../../src/modules/workflow/defaults.ts";
import { resetDb, testDb } from "../support/db.ts";
import { seedFixture } from "../support/fixture.ts";

type Received = { from: string; to: string[]; raw: string };

let db: Db;
let smtp: SMTPServer;
let smtpUrl: string;
let jobs: Jobs | null = null;
const received: Received[] = [];

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  db = await testDb();
  await resetDb(db);
  await seedFixture(db);
  await ensureWorkflowDefaults(db);
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await jobs?.stop();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

describe("background jobs", () => {
  it("delivers stored mail to the SMTP server through the send-mail queue, and escalates", async () => {
    jobs = await startJobs(db, {
      smtpUrl,
      mailFrom: "wholesail@test.local",
      pollingIntervalSeconds: 0.5,
      schedule: false,
      onError: (e) => console.error(e),
    });
    const id = await queueMail(
      db.pool,
      { to: "finance@staff.test", subject: "Credit hold: PO 12", text: "Acme is 31% over its limit" },
      new Date(),
    );
    await jobs.sendMail(id);
    const mail = await waitFor("SMTP delivery", async () =>
      received.find((m) => m.to.includes("finance@staff.test")),
    );
    expect(mail.from).toBe("wholesail@test.local");
    expect(mail.raw).toContain("Subject: Credit hold: PO 12");
    expect(mail.raw).toContain("Acme is 31% over its limit");
    const row = await waitFor("sent status", async () => {
      const r = (
        await db.pool.query("select status, attempts, sent_at from outbound_mail where id = $1", [id])
      ).rows[0];
      return r.status === "sent" ? r : null;
    });
    expect(row.attempts).toBe(1);

    // The escalation queue runs escalateOverdue with the real clock: an exception raised 3 h ago
    // (unresolved_item, SLA 2 h) moves to level 1.
    const past = new Date(Date.now() - 3 * 3600_000);
    const e = (
      await db.pool.query(
        `insert into exceptions (type, summary, owner_role, deadline, created_at, updated_at)
         values ('unresolved_item', 'queued escalation', 'order_desk', $1, $2, $2) returning id`,
        [new Date(past.getTime() + 120 * 60_000), past],
      )
    ).rows[0].id;
    await jobs.boss.send(ESCALATE_QUEUE, {});
    const escalated = await waitFor("escalation", async () => {
      const r = (
        await db.pool.query("select owner_role, escalation_level from exceptions where id = $1", [e])
      ).rows[0];
      return r.escalation_level === 1 ? r : null;
    });
    expect(escalated.owner_role).toBe("sales_manager");

    // The publish queue empties the outbox (an event without a handler is just marked published).
    const event = (
      await db.pool.query("insert into outbox (topic, payload) values ('order.confirmed', '{}') returning id")
    ).rows[0].id;
    await jobs.boss.send(PUBLISH_QUEUE, {});
    const published = await waitFor("outbox publishing", async () => {
      const r = (await db.pool.query("select published_at, attempts from outbox where id = $1", [event]))
        .rows[0];
      return r.published_at ? r : null;
    });
    expect(published.attempts).toBe(1);
  });
});

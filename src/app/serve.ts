// `wholesail serve`: open the database, migrate, load the demo into an empty one, start HTTP.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureWorkflowDefaults } from "../modules/workflow/defaults.ts";
import type { Config } from "./config.ts";
import { type Db, openDatabase } from "./db.ts";
import { startJobs } from "./jobs.ts";
import { migrateDatabase } from "./migrate.ts";
import { progressPrinter } from "./progress.ts";
import { buildServer, WEB_DIST } from "./server.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DEMO_PASSWORD = "wholesail";

export async function serve(
  config: Config,
  options: { loadDemoIfEmpty: boolean; buildWeb: boolean },
): Promise<void> {
  const started = Date.now();
  if (options.buildWeb) buildWebIfStale();
  console.log(
    config.databaseUrl
      ? "Connecting to PostgreSQL…"
      : `Starting the embedded database (PGlite) in ${config.dataDir} …`,
  );
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(db);
  const empty = (await db.pool.query("select not exists (select 1 from items) as empty")).rows[0].empty;
  if (empty && options.loadDemoIfEmpty) {
    const scale = Number(process.env.WHOLESAIL_DEMO_SCALE ?? 1);
    await runDemo(db, scale, Number(process.env.WHOLESAIL_DEMO_SEED ?? 42));
  }
  await ensureWorkflowDefaults(db);
  const app = await buildServer(db, config, { logger: true });
  await app.listen({ port: config.port, host: config.host });
  const jobs = await startJobs(db, config);
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  await printBanner(
    db,
    `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`,
    Date.now() - started,
  );

  // The watched EDI inbox runs only when configured (WHOLESAIL_EDI_INBOX).
  const inboxDir = process.env.WHOLESAIL_EDI_INBOX;
  const inbox = inboxDir
    ? await (await import("../modules/channels/edi/inbox.ts")).startInbox(db, inboxDir, (m) =>
        app.log.warn(m),
      )
    : null;
  if (inboxDir) console.log(`  EDI inbox: watching ${inboxDir}`);

  const shutdown = async () => {
    await inbox?.stop().catch(() => {});
    await jobs.stop().catch(() => {});
    await app.close().catch(() => {});
    await db.close().catch(() => {});
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

export async function runDemo(db: Db, scale: number, seed: number): Promise<void> {
  console.log(`Loading the demo distributor (scale ${scale}, seed ${seed}) …`);
  const t0 = Date.now();
  // Loaded on demand: an ordinary start with data does not need the generator.
  const { loadDemo } = await import("../modules/demo/load.ts");
  const result = await loadDemo(db, { scale, seed, onProgress: progressPrinter() });
  const counts = Object.entries(result.counts)
    .map(([k, v]) => `${Number(v).toLocaleString("en-US")} ${k}`)
    .join(", ");
  console.log(`Demo loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${counts}`);
}

async function printBanner(db: Db, url: string, elapsedMs: number): Promise<void> {
  const users = await db.pool.query(
    `select distinct on (u.role) u.role, u.email, a.name as company
       from users u left join accounts a on a.id = u.account_id
      where u.email like '%@demo.wholesail.dev' or (u.role = 'buyer' and u.email like 'buyer@%.example')
      order by u.role, u.email`,
  );
  const buyers = await db.pool.query(
    `select u.email, a.name as company from users u join accounts a on a.id = u.account_id
      where u.role = 'buyer' and u.email like 'buyer@%.example' order by u.email`,
  );
  const lines = [
    "",
    `  Wholesail is running at ${url}   (ready in ${(elapsedMs / 1000).toFixed(1)} s)`,
    `  API docs: ${url}/api/docs`,
    `  Data: ${db.describe}`,
  ];
  const staff = users.rows.filter((u) => u.role !== "buyer");
  if (staff.length) {
    lines.push("", `  Demo sign-ins (password: ${DEMO_PASSWORD})`);
    for (const u of staff) lines.push(`    ${u.role.padEnd(14)} ${u.email}`);
    for (const b of buyers.rows) lines.push(`    ${"buyer".padEnd(14)} ${b.email}  (${b.company})`);
  }
  lines.push("", "  Stop with Ctrl+C.", "");
  console.log(lines.join("\n"));
}

/** Builds web/dist when missing or older than any file under web/src (so a plain `npm start` works). */
function buildWebIfStale(): void {
  const source = path.join(ROOT, "web");
  const built = path.join(WEB_DIST, "index.html");
  if (existsSync(built) && newestMtime(source, ["dist"]) <= statSync(built).mtimeMs) return;
  console.log("Building the web app (first start or sources changed) …");
  const result = spawnSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules/vite/bin/vite.js"),
      "build",
      "--config",
      "web/vite.config.ts",
      "--logLevel",
      "warn",
    ],
    {
      cwd: ROOT,
      stdio: "inherit",
    },
  );
  if (result.status !== 0) throw new Error("building the web app failed (see above)");
}

function newestMtime(dir: string, skip: string[]): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.includes(entry.name) || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full, []) : statSync(full).mtimeMs);
  }
  return newest;
}

// The `wholesail` command: serve, migrate, demo, user add, edi. Run `wholesail --help`.
import { Command, InvalidArgumentError } from "commander";
import { ROLES, type Role } from "../modules/auth/schema.ts";
import { createUser } from "../modules/auth/users.ts";
import { loadConfig } from "./config.ts";
import { type Db, openDatabase } from "./db.ts";
import { migrateDatabase } from "./migrate.ts";
import { runDemo, serve } from "./serve.ts";

const program = new Command("wholesail")
  .description("Wholesail: order management for wholesale distributors")
  .showHelpAfterError();

program
  .command("serve")
  .description("Start the web app and API (migrates the database; loads the demo into an empty one)")
  .option("--no-demo", "do not load the demo distributor into an empty database")
  .option("--build-web", "build the web app first if it is missing or older than its sources")
  .addHelpText(
    "after",
    "\nEnvironment: PORT (3000), HOST (127.0.0.1), DATABASE_URL, WHOLESAIL_DATA_DIR (./data)",
  )
  .action(async (options: { demo: boolean; buildWeb?: boolean }) => {
    await serve(loadConfig(), { loadDemoIfEmpty: options.demo, buildWeb: options.buildWeb === true });
  });

program
  .command("migrate")
  .description("Apply database migrations and exit")
  .action(() =>
    withDb(async (db) => {
      await migrateDatabase(db);
      console.log(`Migrations applied (${db.describe}).`);
    }),
  );

program
  .command("demo")
  .description("Load the demo distributor into an empty database")
  .option("--scale <n>", "multiply accounts and order history (1 ≈ 200,000 order lines)", parsePositive, 1)
  .option("--seed <s>", "random seed; the same seed gives the same data", parseInteger, 42)
  .action((options: { scale: number; seed: number }) =>
    withDb(async (db) => {
      await migrateDatabase(db);
      await runDemo(db, options.scale, options.seed);
    }),
  );

const user = program.command("user").description("Manage users");
user
  .command("add")
  .description("Create a user (staff, or a buyer for a customer account)")
  .requiredOption("--email <email>", "sign-in email")
  .requiredOption("--name <name>", "display name")
  .requiredOption("--role <role>", `one of: ${ROLES.join(", ")}`, parseRole)
  .option("--account <number>", "customer account number (buyers only)")
  .option("--password <password>", "password (at least 8 characters); default: read WHOLESAIL_PASSWORD")
  .action((options: { email: string; name: string; role: Role; account?: string; password?: string }) =>
    withDb(async (db) => {
      await migrateDatabase(db);
      const password = options.password ?? process.env.WHOLESAIL_PASSWORD;
      if (!password) throw new Error("Give --password or set WHOLESAIL_PASSWORD");
      const created = await createUser(db, { ...options, password, accountNumber: options.account });
      console.log(
        `Created ${created.role} ${created.email}${created.accountName ? ` for ${created.accountName}` : ""} (id ${created.id}).`,
      );
    }),
  );

const edi = program.command("edi").description("EDI documents (X12, EDIFACT)");
edi
  .command("translate <file>")
  .description("Read an EDI file without touching the database and print it as JSON")
  .action(async (file: string) => {
    const { runTranslateCli } = await import("../modules/channels/edi/cli.ts");
    process.exitCode = await runTranslateCli(file);
  });

edi
  .command("ingest <file>")
  .description(
    "Send an EDI file through the real intake (orders, acknowledgments, message log) and print what happened",
  )
  .option("--json", "print the full result as JSON")
  .action((file: string, options: { json?: boolean }) =>
    withDb(async (db) => {
      await migrateDatabase(db);
      const { runIngestCli } = await import("../modules/channels/edi/ingest-cli.ts");
      process.exitCode = await runIngestCli(db, file, options.json === true);
    }),
  );

async function withDb(work: (db: Db) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await work(db);
  } finally {
    await db.close();
  }
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("expected a positive number");
  return n;
}

function parseInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError("expected a whole number");
  return n;
}

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected one of ${ROLES.join(", ")}`);
  return value as Role;
}

program.parseAsync(process.argv).catch((error) => {
  console.error(`wholesail: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

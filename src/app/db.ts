// Database connection: a PostgreSQL server when DATABASE_URL is set, otherwise embedded PGlite
// hosted in a child process and reached through the same `pg` driver (one connection: PGlite
// serves one session at a time).
import { type ChildProcess, fork } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";

// numeric → string (never float); int8 → number (ids and counts fit in 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = {
  kind: "pglite" | "postgres";
  pool: pg.Pool;
  orm: NodePgDatabase;
  describe: string;
  close(): Promise<void>;
};

export type DbOptions = { databaseUrl?: string; dataDir?: string; poolSize?: number };

export async function openDatabase(options: DbOptions): Promise<Db> {
  if (options.databaseUrl) {
    // Connections stay open (no idle timeout): each keeps its cached plans for prepared statements.
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      idleTimeoutMillis: 0,
    });
    await pool.query("select 1");
    return {
      kind: "postgres",
      pool,
      orm: drizzle(pool),
      describe: `PostgreSQL server ${redactUrl(options.databaseUrl)}`,
      close: () => pool.end(),
    };
  }
  const dataDir = options.dataDir ?? "memory://";
  if (dataDir !== "memory://") mkdirSync(dataDir, { recursive: true });
  const { child, port } = await startEmbeddedPostgres(dataDir);
  const config: pg.PoolConfig = {
    host: "127.0.0.1",
    port,
    user: "postgres",
    database: "postgres",
    max: 1,
    idleTimeoutMillis: 0,
    // PGlite is one session shared by every connection: named prepared statements outlive the
    // connection that made them, so a fresh connection would fail to prepare them again.
    onConnect: async (client: pg.ClientBase) => {
      await client.query("DEALLOCATE ALL");
    },
  };
  const pool = new pg.Pool(config);
  return {
    kind: "pglite",
    pool,
    orm: drizzle(pool),
    describe: dataDir === "memory://" ? "embedded PGlite (in memory)" : `embedded PGlite in ${dataDir}`,
    close: async () => {
      await pool.end();
      await stopChild(child);
    },
  };
}

function startEmbeddedPostgres(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const script = fileURLToPath(new URL("./embedded-postgres.ts", import.meta.url));
  // Under tsx the parent's execArgv carries the TypeScript loader; plain node needs it added.
  const execArgv = process.execArgv.some((a) => a.includes("tsx"))
    ? process.execArgv
    : ["--import", import.meta.resolve("tsx")];
  const child = fork(script, [dataDir], { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (message: any) => {
      if (message?.type === "ready") resolve({ child, port: message.port });
      else reject(new Error(`embedded database failed to start: ${message?.message ?? "unknown error"}`));
    });
    child.once("exit", (code) => reject(new Error(`embedded database exited early (code ${code})`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

/** Runs `work` in one transaction on one connection; rolls back on any error. */
export async function withTransaction<T>(db: Db, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

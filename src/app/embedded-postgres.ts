// Child process that hosts PGlite and serves it over the Postgres wire protocol.
// PGlite runs on the thread that hosts it, so it must not share the HTTP server's event loop
// (see DESIGN.md). The parent talks to it through the ordinary `pg` driver.
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

async function main(): Promise<void> {
  const dataDir = process.argv[2] ?? "memory://";
  const db = await PGlite.create(dataDir === "memory://" ? undefined : dataDir);
  // The app's pool holds one connection, but pg-pool replaces a connection after any query error:
  // the closing one and its replacement overlap briefly, so allow a few (the server still runs one
  // query at a time and keeps a transaction on its own connection).
  const server = new PGLiteSocketServer({ db, port: 0, host: "127.0.0.1", maxConnections: 4 });
  await server.start();
  const port = Number(server.getServerConn().split(":").pop());
  process.send?.({ type: "ready", port });

  const shutdown = async () => {
    await server.stop().catch(() => {});
    await db.close().catch(() => {});
    process.exit(0);
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  // The parent going away (even by crash) closes the IPC channel: stop cleanly so the data folder stays valid.
  process.on("disconnect", shutdown);
}

main().catch((error) => {
  process.send?.({ type: "error", message: String(error?.stack ?? error) });
  process.exit(1);
});

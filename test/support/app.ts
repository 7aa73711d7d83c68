import type { FastifyInstance } from "fastify";
import { loadConfig } from "../../src/app/config.ts";
import type { Db } from "../../src/app/db.ts";
import { buildServer } from "../../src/app/server.ts";

export async function testServer(db: Db): Promise<FastifyInstance> {
  const app = await buildServer(
    db,
    loadConfig({ LOG_LEVEL: "silent", WHOLESAIL_LOGIN_ATTEMPTS_PER_MINUTE: "1000" }),
    { logger: false },
  );
  await app.ready();
  return app;
}

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import type { Db } from "../../src/app/db.ts";
import { buildServer } from "../../src/app/server.ts";
import { resetDb, testDb } from "./db.ts";
import { type Fixture, seedFixture } from "./fixture.ts";

export async function testServer(db: Db): Promise<FastifyInstance> {
  const app = await buildServer(
    db,
    loadConfig({ LOG_LEVEL: "silent", WHOLESAIL_LOGIN_ATTEMPTS_PER_MINUTE: "1000" }),
    { logger: false },
  );
  await app.ready();
  return app;
}

/**
 * The usual API test setup: one database and server for the file, a fresh fixture before each test.
 * Read the fields inside tests (they are set by the hooks).
 */
export function apiSuite(): { db: Db; app: FastifyInstance; fx: Fixture } {
  const suite = {} as { db: Db; app: FastifyInstance; fx: Fixture };
  beforeAll(async () => {
    suite.db = await testDb();
    suite.app = await testServer(suite.db);
  });
  afterAll(() => suite.app.close());
  beforeEach(async () => {
    await resetDb(suite.db);
    suite.fx = await seedFixture(suite.db);
  });
  return suite;
}

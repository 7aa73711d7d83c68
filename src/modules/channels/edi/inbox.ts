// Watched inbox folder (WHOLESAIL_EDI_INBOX): every file dropped there goes through intake, then
// moves to processed/ or failed/. fs.watch wakes it early; a timer catches anything watch misses
// (network mounts, files that were still being written).

import { watch } from "node:fs";
import { mkdir, readdir, readFile, rename, stat } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../../../app/db.ts";
import { ingestDocument } from "./ingest.ts";

export type Inbox = { stop(): Promise<void>; scan(): Promise<void> };

// A file still growing is left for the next pass.
const SETTLE_MS = 1_000;

export async function startInbox(
  db: Db,
  dir: string,
  log: (msg: string) => void = () => {},
  pollMs = 5_000,
): Promise<Inbox> {
  for (const sub of ["", "processed", "failed"]) await mkdir(path.join(dir, sub), { recursive: true });
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const pass = async () => {
    for (const name of (await readdir(dir)).sort()) {
      if (stopped) return;
      if (name.startsWith(".") || name.endsWith(".part") || name.endsWith(".tmp")) continue;
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile() || Date.now() - info.mtimeMs < SETTLE_MS) continue;
      let target = "failed";
      try {
        const result = await ingestDocument(db, await readFile(file), `inbox:${name}`);
        // Rejected documents are stored with their reasons in the message log; the file itself was taken.
        target = result.status === "failed" ? "failed" : "processed";
        log(`EDI inbox: ${name} → message ${result.messageId} ${result.status}`);
      } catch (error) {
        log(`EDI inbox: ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      await rename(file, path.join(dir, target, `${stamp}-${name}`)).catch(() => {});
    }
  };
  // One pass at a time; a wake-up during a pass asks for one more.
  const scan = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await pass().catch((e) => log(`EDI inbox: ${e instanceof Error ? e.message : String(e)}`));
      } while (again && !stopped);
    })();
    await running;
    running = null;
  };
  const watcher = watch(dir, () => {
    setTimeout(() => void scan(), SETTLE_MS + 50);
  });
  const timer = setInterval(() => void scan(), pollMs);
  void scan();
  return {
    scan,
    async stop() {
      stopped = true;
      watcher.close();
      clearInterval(timer);
      await running;
    },
  };
}

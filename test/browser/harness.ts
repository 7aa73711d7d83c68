// Shared plumbing for the browser tests: build the web app if needed, start a Wholesail server in a
// child process on a free port with a fresh data dir, launch chromium, and save screenshots.
import { type ChildProcess, execSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import type { Db } from "../../src/app/db.ts";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SCREENSHOTS = path.join(ROOT, "artifacts", "screenshots");
export const PASSWORD = "wholesail";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Runs `npm run build:web` when web/dist is missing or older than web/src. */
export function buildWebIfNeeded(): void {
  const index = path.join(ROOT, "web", "dist", "index.html");
  const sources = [path.join(ROOT, "web", "src"), path.join(ROOT, "web", "index.html")];
  const newest = Math.max(
    ...sources.map((s) => (statSync(s).isDirectory() ? newestMtime(s) : statSync(s).mtimeMs)),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= newest) return;
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  execSync("npm run build:web", {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `wholesail serve` on a free port with a fresh data dir (or `options.dataDir`, e.g. from
 * prepareDemoData; removed on stop either way) and waits for /api/health.
 */
export async function startServer(
  timeoutMs = 540_000,
  options: { dataDir?: string } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "wholesail-browser-"));
  let log = "";
  const child: ChildProcess = spawn("npx", ["tsx", "src/app/cli.ts", "serve"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      WHOLESAIL_DATA_DIR: dataDir,
      WHOLESAIL_DEMO_SCALE: process.env.WHOLESAIL_DEMO_SCALE ?? "0.02",
      WHOLESAIL_LOGIN_ATTEMPTS_PER_MINUTE: "200",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so stop() ends npx, tsx and node together
  });
  child.stdout?.on("data", (chunk) => {
    log += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    log += chunk;
  });
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });

  const stop = async () => {
    if (!exited && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
      const deadline = Date.now() + 10_000;
      while (!exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (!exited) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {}
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) {
      await stop();
      throw new Error(`The server exited before it was ready:\n${log.slice(-4000)}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok && /Wholesail is running/.test(log)) return { url, output: () => log, stop };
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`The server did not answer /api/health within ${timeoutMs} ms:\n${log.slice(-4000)}`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

export async function screenshot(page: Page, name: string, dir = SCREENSHOTS): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  // Let transitions and the loading overlay settle; capture from the top so the fixed header sits right.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(250);
  // Grow the viewport to the whole page (rather than fullPage stitching), so fixed parts such as
  // the navbar are drawn at their real full height; then restore it.
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (viewport && height > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height });
    await page.waitForTimeout(300);
  }
  await page.screenshot({ path: file });
  if (viewport && height > viewport.height) await page.setViewportSize(viewport);
  return file;
}

export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Calls the API from inside the page, so it carries the page's session cookie. */
export async function apiGet<T>(page: Page, pathAndQuery: string): Promise<T> {
  return page.evaluate(async (p) => {
    const response = await fetch(p, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`${p} answered ${response.status}: ${await response.text()}`);
    return response.json();
  }, pathAndQuery) as Promise<T>;
}

/**
 * Loads the demo (same scale as startServer) into a fresh data dir, then lets `edit` change what the
 * HTTP API cannot (e.g. an account's ship policy) before the server starts on it. Returns the dir
 * and what `edit` returned; pass the dir to startServer(undefined, { dataDir }).
 */
export async function prepareDemoData<T>(
  edit: (db: Db) => Promise<T>,
): Promise<{ dataDir: string; result: T }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "wholesail-browser-"));
  const scale = process.env.WHOLESAIL_DEMO_SCALE ?? "0.02";
  execSync(`npx tsx src/app/cli.ts demo --scale ${scale}`, {
    cwd: ROOT,
    stdio: "ignore",
    env: { ...process.env, WHOLESAIL_DATA_DIR: dataDir, LOG_LEVEL: "warn" },
  });
  const { openDatabase } = await import("../../src/app/db.ts");
  const db = await openDatabase({ dataDir });
  let ok = false;
  try {
    const result = await edit(db);
    ok = true;
    return { dataDir, result };
  } finally {
    await db.close().catch(() => {});
    if (!ok) rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * A fresh context and page: the given viewport, US locale, UTC; script errors and console errors
 * (other than failed 4xx/5xx loads, which tests provoke on purpose) are collected in `errors`.
 */
export async function openPage(
  browser: Browser,
  contexts: BrowserContext[],
  errors: string[],
  viewport = { width: 1440, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "en-US", timezoneId: "UTC" });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return page;
}

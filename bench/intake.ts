// The intake pipeline (resolve, price, validate, allocate, audit, outbox) over HTTP: 20-line orders
// from 8 concurrent clients, one account each, against a server process on PostgreSQL; floor: the
// raw-SQL order placement of bench/order-placement.ts, measured in the same run.
// `npm run bench -- intake --profile` (or BENCH_PROFILE=1) adds a second, profiled server run:
// SQL statements per order with their latency (bench/count-queries.mjs) and a CPU profile summary.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { PASSWORD } from "../test/support/fixture.ts";
import { signInOverHttp, startServerProcess } from "../test/support/server-process.ts";
import {
  fmt,
  type OrderBenchWorld,
  percentile,
  pickItems,
  runClosedLoop,
  runOrderFloor,
  seedOrderBench,
} from "./support.ts";

// BENCH_CLIENTS=1: one client, no contention (a cleaner CPU profile).
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const LINES = 20;
const ITEMS = 400;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
// Where to keep the raw profile (queries.json, server.cpuprofile) for a closer look; else a temp dir.
const KEEP_PROFILE = process.env.BENCH_PROFILE_DIR;
// Past orders + ANALYZE, as on a production database (BENCH_HISTORY=0: a fresh, never analyzed one).
const HISTORY_ORDERS = Number(process.env.BENCH_HISTORY ?? 5000);
const WARMUP_ORDERS_PER_CLIENT = 3;
const PROFILE = process.env.BENCH_PROFILE === "1" || process.argv.includes("--profile");
const COUNTER = fileURLToPath(new URL("./count-queries.mjs", import.meta.url));

export async function run(): Promise<void> {
  const world = await seedOrderBench("wholesail_bench_intake", CLIENTS, ITEMS, {
    historyOrders: HISTORY_ORDERS,
  });
  const app = await placeOrders(world, {}, DURATION_MS);
  const appRate = (app.latencies.length / app.elapsedMs) * 1000;
  const p99 = percentile(app.latencies, 99);
  console.log(`intake app orders_per_s=${fmt(appRate)}`);
  console.log(`intake app lines_per_s=${fmt(appRate * LINES)}`);
  console.log(`intake app p50_ms=${fmt(percentile(app.latencies, 50))}`);
  console.log(`intake app p99_ms=${fmt(p99)}`);
  console.log(`intake app server_cpu_ms_per_order=${fmt(app.serverCpuMsPerOrder)}`);
  console.log(`intake app postgres_cpu_ms_per_order=${fmt(app.postgresCpuMsPerOrder)}`);
  console.log(`intake app bench_client_cpu_ms_per_order=${fmt(app.clientCpuMsPerOrder)}`);
  console.log(`intake app machine_cpu_ms_per_order=${fmt(app.machineCpuMsPerOrder)}`);

  const floorBusy = machineBusyMs();
  const floor = await runOrderFloor(world, CLIENTS, LINES, DURATION_MS);
  const floorCpu = (machineBusyMs() - floorBusy) / floor.latencies.length;
  const floorRate = (floor.latencies.length / floor.elapsedMs) * 1000;
  console.log(`intake floor orders_per_s=${fmt(floorRate)}`);
  console.log(`intake floor p99_ms=${fmt(percentile(floor.latencies, 99))}`);
  console.log(`intake floor machine_cpu_ms_per_order=${fmt(floorCpu)}`);

  if (PROFILE) await profile(world);
  console.log(
    `RESULT intake orders_per_s=${fmt(appRate)} p99_ms=${fmt(p99)} floor=${fmt(floorRate)} ratio=${(appRate / floorRate).toFixed(2)}`,
  );
}

/** Starts a server, signs in one session per client, warms up, then places orders for `durationMs`. */
async function placeOrders(
  world: OrderBenchWorld,
  env: Record<string, string>,
  durationMs: number,
  afterWarmup: (pid: number) => void = () => {},
) {
  const server = await startServerProcess({ DATABASE_URL: world.url, ...env });
  try {
    const sessions = await Promise.all(
      Array.from({ length: CLIENTS }, () => signInOverHttp(server.url, "order_desk@staff.test", PASSWORD)),
    );
    let iteration = 0;
    const order = async (client: number, i: number) => {
      const lines = pickItems(world, LINES, client, i).map((item, k) => ({
        sku: item.sku,
        quantity: 1 + (k % 5),
      }));
      const { status, body } = await post(
        `${server.url}/api/orders`,
        sessions[client],
        JSON.stringify({ accountId: world.accountIds[client], lines }),
      );
      if (status !== 201) throw new Error(`order failed: ${status} ${body}`);
    };
    // Warm-up (prepared statements, pricing cache, JIT): not measured.
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let i = 0; i < WARMUP_ORDERS_PER_CLIENT; i++) await order(client, iteration + i);
      }),
    );
    iteration += WARMUP_ORDERS_PER_CLIENT;
    afterWarmup(server.child.pid!);
    const pids = async () => [server.child.pid!, ...(await backendPids(world.url))];
    const before = cpuMs(await pids());
    const clientCpu = process.cpuUsage();
    const machineBefore = machineBusyMs();
    const result = await runClosedLoop(CLIENTS, durationMs, (client, i) => order(client, iteration + i));
    const clientCpuUsed = process.cpuUsage(clientCpu);
    const machineUsed = machineBusyMs() - machineBefore;
    // CPU per order moves far less with the machine's load than orders/s does (a shared 2-core box).
    const after = cpuMs(await pids());
    const orders = result.latencies.length;
    return {
      ...result,
      clientCpuMsPerOrder: (clientCpuUsed.user + clientCpuUsed.system) / 1000 / orders,
      machineCpuMsPerOrder: machineUsed / orders,
      serverCpuMsPerOrder: (after.get(server.child.pid!)! - before.get(server.child.pid!)!) / orders,
      postgresCpuMsPerOrder:
        [...after].reduce(
          (sum, [pid, ms]) => (pid === server.child.pid ? sum : sum + ms - (before.get(pid) ?? 0)),
          0,
        ) / orders,
    };
  } finally {
    await server.stop();
  }
}

// node:http with keep-alive rather than fetch: fetch cost the bench process ~1 ms of CPU per order on
// the 2 cores the server and PostgreSQL share; the server sees the same requests either way.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      url,
      { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** The PostgreSQL backends serving the bench database (the server's pool; this query's excluded). */
async function backendPids(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/**
 * CPU busy (ms) of the whole machine, all cores, from /proc/stat: what one order costs everything
 * here together (server, PostgreSQL, the bench client, the kernel), comparable with the floor's.
 */
function machineBusyMs(): number {
  const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / 100;
}

/** User + system CPU (ms) of local processes, from /proc (the bench server runs on this machine). */
function cpuMs(pids: number[]): Map<number, number> {
  const ticks = 100; // USER_HZ on Linux
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      // Fields after the ")" that ends the command name: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks);
    } catch {
      // gone, or not on this machine
    }
  }
  return out;
}

async function profile(world: OrderBenchWorld): Promise<void> {
  const dir = KEEP_PROFILE ?? mkdtempSync(path.join(tmpdir(), "wholesail-intake-profile-"));
  try {
    const countFile = path.join(dir, "queries.json");
    const cpuFile = path.join(dir, "server.cpuprofile");
    const run = await placeOrders(
      world,
      {
        NODE_OPTIONS: `--import ${COUNTER}`,
        WHOLESAIL_QUERY_COUNT_FILE: countFile,
        WHOLESAIL_CPU_PROFILE_FILE: cpuFile,
      },
      DURATION_MS,
      (pid) => process.kill(pid, "SIGUSR2"), // counts start after sign-in and warm-up
    );
    const orders = run.latencies.length;
    console.log(
      `intake profiled orders_per_s=${fmt((orders / run.elapsedMs) * 1000)} (with the counter and --cpu-prof)`,
    );
    const stats = Object.entries(
      JSON.parse(readFileSync(countFile, "utf8")) as Record<string, { calls: number; ms: number }>,
    );
    // pg-boss polls on its own timer; count it apart from what the orders cost.
    const ours = stats.filter(([key]) => !key.includes("pgboss"));
    const calls = ours.reduce((n, [, s]) => n + s.calls, 0);
    const ms = ours.reduce((n, [, s]) => n + s.ms, 0);
    console.log(`intake profiled statements_per_order=${fmt(calls / orders)}`);
    console.log(`intake profiled sql_latency_ms_per_order=${fmt(ms / orders)} (client side, summed)`);
    console.log(`intake profiled background_statements=${stats.length - ours.length} kinds (pg-boss)`);
    for (const [key, s] of ours.sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) {
      console.log(
        `intake sql per_order=${(s.calls / orders).toFixed(2)} ms_per_order=${(s.ms / orders).toFixed(2)} ${key}`,
      );
    }
    if (existsSync(cpuFile)) summarizeCpu(JSON.parse(readFileSync(cpuFile, "utf8")), orders);
  } finally {
    if (!KEEP_PROFILE) rmSync(dir, { recursive: true, force: true });
  }
}

type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
};

/** Self time per area (our modules by file, dependencies by package); idle excluded. */
function summarizeCpu(cpu: CpuProfile, orders: number): void {
  const byId = new Map(cpu.nodes.map((n) => [n.id, n]));
  const area = new Map<string, number>();
  let busy = 0;
  cpu.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === "(idle)") return;
    const us = cpu.timeDeltas[i] ?? 0;
    busy += us;
    const key = areaOf(frame);
    area.set(key, (area.get(key) ?? 0) + us);
  });
  console.log(`intake cpu busy_ms_per_order=${(busy / 1000 / orders).toFixed(2)}`);
  for (const [key, us] of [...area].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    console.log(
      `intake cpu ${((100 * us) / busy).toFixed(1)}% ${(us / 1000 / orders).toFixed(2)}ms/order ${key}`,
    );
  }
}

function areaOf(frame: { functionName: string; url: string }): string {
  const { url, functionName } = frame;
  if (!url) return functionName || "(native)";
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dep) return dep[1];
  const ours = /\/(src\/.+)$/.exec(url);
  if (ours) return ours[1];
  return url.startsWith("node:") ? `node:${url.slice(5).split("/")[0]}` : url;
}

import pg from "pg";

export const BENCH_SERVER_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function percentile(sortedMs: number[], p: number): number {
  if (!sortedMs.length) return 0;
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))];
}

/** Runs `clients` loops of `work` until `durationMs` passes; returns per-call latencies (ms). */
export async function runClosedLoop(
  clients: number,
  durationMs: number,
  work: (client: number, iteration: number) => Promise<void>,
): Promise<{ latencies: number[]; elapsedMs: number }> {
  const latencies: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() - start < durationMs; i++) {
        const t = performance.now();
        await work(client, i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), elapsedMs: performance.now() - start };
}

export async function poolFor(url: string, size: number): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: size });
  await pool.query("select 1");
  return pool;
}

export const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));

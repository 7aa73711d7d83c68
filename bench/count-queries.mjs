// Preloaded into a server process by `bench/intake.ts` when profiling (NODE_OPTIONS=--import):
// counts every SQL statement the process sends, with its client-side latency, per statement.
// A stand-in for pg_stat_statements, which the shared server does not preload. Plain JavaScript:
// it loads before tsx. SIGUSR2 resets the counts (after warm-up); on exit they go to the JSON
// file named by WHOLESAIL_QUERY_COUNT_FILE. With WHOLESAIL_CPU_PROFILE_FILE set, SIGUSR2 also starts
// a CPU profile written there on exit (--cpu-prof is not allowed in NODE_OPTIONS).
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import pg from "pg";

const file = process.env.WHOLESAIL_QUERY_COUNT_FILE;
const cpuFile = process.env.WHOLESAIL_CPU_PROFILE_FILE;
let inspector = null;
let stats = new Map();

function keyOf(config) {
  if (config && typeof config === "object" && config.name) return `[${config.name}]`;
  const text = typeof config === "string" ? config : (config?.text ?? "?");
  return text.replace(/\s+/g, " ").trim().slice(0, 110);
}

function record(key, started) {
  const ms = performance.now() - started;
  const seen = stats.get(key) ?? { calls: 0, ms: 0 };
  seen.calls++;
  seen.ms += ms;
  stats.set(key, seen);
}

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(config, values, callback) {
  const key = keyOf(config);
  const started = performance.now();
  const cb = typeof values === "function" ? values : callback;
  if (typeof cb === "function") {
    const done = (...args) => {
      record(key, started);
      return cb(...args);
    };
    return typeof values === "function"
      ? query.call(this, config, done)
      : query.call(this, config, values, done);
  }
  const result = query.call(this, config, values);
  if (result && typeof result.then === "function") {
    return result.finally(() => record(key, started));
  }
  return result;
};

process.on("SIGUSR2", () => {
  stats = new Map();
  if (cpuFile && !inspector) {
    inspector = new Session();
    inspector.connect();
    inspector.post("Profiler.enable");
    inspector.post("Profiler.start");
  }
});
process.on("exit", () => {
  if (file) writeFileSync(file, JSON.stringify(Object.fromEntries(stats)));
  // An in-process inspector session answers synchronously, so this works in an exit handler.
  inspector?.post("Profiler.stop", (error, result) => {
    if (!error) writeFileSync(cpuFile, JSON.stringify(result.profile));
  });
});

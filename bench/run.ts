// `npm run bench [-- name ...]`: runs the named benchmarks (all when none are named).
// Each prints one figure per line and ends with `RESULT <name> <metric>=<value> floor=<value> ratio=<value>`.
const BENCHMARKS: Record<string, () => Promise<void>> = {
  "order-placement": async () => (await import("./order-placement.ts")).run(),
  intake: async () => (await import("./intake.ts")).run(),
  pricing: async () => (await import("./pricing.ts")).run(),
  "pricing-engine": async () => (await import("./pricing-engine.ts")).run(),
  edi: async () => (await import("./edi.ts")).run(),
};

const names = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const unknown = names.filter((n) => !BENCHMARKS[n]);
if (unknown.length) {
  console.error(
    `Unknown benchmark(s): ${unknown.join(", ")}. Available: ${Object.keys(BENCHMARKS).join(", ")}`,
  );
  process.exit(2);
}
async function main(): Promise<void> {
  for (const name of names.length ? names : Object.keys(BENCHMARKS)) {
    console.log(`== ${name}`);
    await BENCHMARKS[name]();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

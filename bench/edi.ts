// EDI codec throughput and memory: tokenize and translate a ~20 MB file of X12 850s against a floor
// measured in the same run (read the file, split it on the segment terminator), then stream a ~200 MB
// file through the tokenizer to show that memory stays bounded. Every measurement runs in its own
// child process, so each peak (RSS from the kernel, heap sampled during the run) is its own.
import { execFileSync } from "node:child_process";
import { closeSync, createReadStream, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { translateStream } from "../src/modules/channels/edi/translate.ts";
import { createX12Scanner, tokenizeX12Batches } from "../src/modules/channels/edi/x12-tokenizer.ts";
import { fmt } from "./support.ts";

const SMALL_MB = Number(process.env.BENCH_EDI_MB ?? 20);
const BIG_MB = Number(process.env.BENCH_EDI_BIG_MB ?? 200);
const REPS = Number(process.env.BENCH_EDI_REPS ?? 5);
const TRANSLATE_REPS = Number(process.env.BENCH_EDI_TRANSLATE_REPS ?? 3);
/** The tokenizer reads the file in 64 KB chunks (the fs default); translate in 1 MB, as `wholesail edi translate`. */
const READ_CHUNK = 1 << 16;
const CLI_READ_CHUNK = 1 << 20;
/** The translate driver pushes 64 KB slices into the scanner; the "chunks" phase does the same. */
const PUSH_SLICE = 1 << 16;
const MB = 1 << 20;

// ---- the file ---------------------------------------------------------------------------------

const SETS_PER_GROUP = 500;
const GROUPS_PER_INTERCHANGE = 10;

function isa(n: number): string {
  const ctl = String(n).padStart(9, "0");
  return `ISA*00*          *00*          *ZZ*GROCERYCHAIN   *ZZ*WHOLESAIL      *260115*0930*U*00401*${ctl}*0*P*>~\n`;
}

function set850(n: number): string {
  const ctl = String(n % 10000).padStart(4, "0");
  const body = [
    `ST*850*${ctl}~`,
    `BEG*00*SA*PO-${n}**20260115~`,
    "CUR*BY*USD~",
    `REF*DP*${String(n % 1000).padStart(3, "0")}~`,
    "DTM*002*20260122~",
    "DTM*010*20260120~",
    "NTE*GEN*Deliver to dock 4 before 10:00~",
    "N1*BY*FRESHMART STORES*9*0012345000019~",
    `N1*ST*FRESHMART DC ${n % 97}*92*DC${n % 97}~`,
    "N2*RECEIVING~",
    "N3*100 DEPOT ROAD*UNIT 4~",
    "N4*COLUMBUS*OH*43004*US~",
    `PO1*1*${1 + (n % 48)}*CA*18.5000**UP*012345678905*VN*WS-1001~`,
    "PID*F****OLIVE OIL 1L~",
    `PO1*2*10.5*LB*3.25**VN*WS-${2000 + (n % 500)}*BP*FM-88~`,
    "PID*F****COFFEE BEANS~",
    "DTM*002*20260125~",
    "CTT*2~",
  ];
  body.push(`SE*${body.length + 1}*${ctl}~`);
  return `${body.join("\n")}\n`;
}

/** Writes ~`mb` MB of interchanges (10 groups of 500 850s each) without holding the file in memory. */
export function generate(path: string, mb: number): { bytes: number; sets: number } {
  const fd = openSync(path, "w");
  let bytes = 0;
  let sets = 0;
  try {
    for (let ic = 1; bytes < mb * MB; ic++) {
      let text = isa(ic);
      for (let g = 1; g <= GROUPS_PER_INTERCHANGE; g++) {
        const gctl = ic * 100 + g;
        text += `GS*PO*GROCERYCHAIN*WHOLESAIL*20260115*0930*${gctl}*X*004010~\n`;
        for (let k = 0; k < SETS_PER_GROUP; k++) text += set850(++sets);
        text += `GE*${SETS_PER_GROUP}*${gctl}~\n`;
      }
      text += `IEA*${GROUPS_PER_INTERCHANGE}*${String(ic).padStart(9, "0")}~\n`;
      bytes += writeSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
  return { bytes, sets };
}

// ---- one measurement per child process ------------------------------------------------------------

interface Sample {
  /** MB/s (wall clock) of each repetition. */
  rates: number[];
  /** MB per CPU-second (user + system, all threads) of each repetition: steadier on a busy machine. */
  cpuRates: number[];
  /** Segments (or lines) seen, a check that the work was done. */
  count: number;
  peakRssMb: number;
  peakHeapMb: number;
}

let peakHeap = 0;
let peakRss = 0;
function sampleMemory(): void {
  const m = process.memoryUsage();
  if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  if (m.rss > peakRss) peakRss = m.rss;
}

/** Each phase prepares (untimed) and returns the timed work, which returns how many tokens it saw. */
const PHASES: Record<string, (path: string) => () => Promise<number> | number> = {
  // Nothing: the memory of a child process (node + tsx) before any work.
  idle: () => () => 0,
  // The floor: read the file and split it on the terminator.
  floor: (path) => () => new TextDecoder().decode(readFileSync(path)).split("~").length,
  // The scanner fed 64 KB slices of a string already in memory (the file is read before the clock).
  chunks: (path) => {
    const text = readFileSync(path, "utf8");
    return () => {
      const scanner = createX12Scanner();
      let n = 0;
      for (let i = 0; i < text.length; i += PUSH_SLICE) {
        n += scanner.push(text.slice(i, i + PUSH_SLICE)).length;
        if ((i & 0xfffff) === 0) sampleMemory();
      }
      return n + scanner.end().length;
    };
  },
  // The streaming path: a file stream through tokenizeX12Batches.
  stream: (path) => async () => {
    let n = 0;
    let k = 0;
    for await (const batch of tokenizeX12Batches(createReadStream(path, { highWaterMark: READ_CHUNK }))) {
      n += batch.length;
      if ((++k & 15) === 0) sampleMemory();
    }
    return n;
  },
  // Full translation (syntax checks, mapping, 997s) from a file stream, as `wholesail edi translate`
  // does: each interchange is handed over when complete and not kept (the CLI prints it).
  translate: (path) => async () => {
    const timer = setInterval(sampleMemory, 5);
    let sets = 0;
    try {
      await translateStream(createReadStream(path, { highWaterMark: CLI_READ_CHUNK }), {}, (ic) => {
        sets += ic.transactions.length;
      });
      sampleMemory();
      return sets;
    } finally {
      clearInterval(timer);
    }
  },
};

async function child(phase: string, path: string, reps: number): Promise<void> {
  const bytes = statSync(path).size;
  const rates: number[] = [];
  const cpuRates: number[] = [];
  let count = 0;
  for (let r = 0; r < reps; r++) {
    const work = PHASES[phase](path);
    const cpu = process.cpuUsage();
    const t = performance.now();
    count = await work();
    rates.push(bytes / MB / ((performance.now() - t) / 1000));
    const used = process.cpuUsage(cpu);
    cpuRates.push(bytes / MB / ((used.user + used.system) / 1e6));
    sampleMemory();
  }
  const maxRss = process.resourceUsage().maxRSS * 1024; // kernel peak, KiB -> bytes
  const out: Sample = {
    rates,
    cpuRates,
    count,
    peakRssMb: Math.max(maxRss, peakRss) / MB,
    peakHeapMb: peakHeap / MB,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function measure(phase: string, path: string, reps: number): Sample {
  const self = fileURLToPath(import.meta.url);
  const stdout = execFileSync(process.execPath, [...process.execArgv, self, phase, path, String(reps)], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as Sample;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs: number[]) => `(min ${fmt(Math.min(...xs))}, max ${fmt(Math.max(...xs))}, n=${xs.length})`;

export async function run(): Promise<void> {
  const small = join(tmpdir(), `wholesail-bench-edi-${process.pid}-${SMALL_MB}mb.x12`);
  const big = join(tmpdir(), `wholesail-bench-edi-${process.pid}-${BIG_MB}mb.x12`);
  try {
    const g = generate(small, SMALL_MB);
    console.log(`edi file_mb=${fmt(g.bytes / MB)}`);
    console.log(`edi file_sets_850=${g.sets}`);

    const idle = measure("idle", small, 1);
    console.log(
      `edi idle_child peak_rss_mb=${fmt(idle.peakRssMb)} (node + tsx, no work: the baseline below)`,
    );
    const floor = measure("floor", small, REPS);
    console.log(`edi floor read_split_mb_s=${fmt(median(floor.rates))} ${spread(floor.rates)}`);
    console.log(`edi floor read_split_cpu_mb_s=${fmt(median(floor.cpuRates))} ${spread(floor.cpuRates)}`);
    const chunks = measure("chunks", small, REPS);
    console.log(`edi tokenize_64k_slices_mb_s=${fmt(median(chunks.rates))} ${spread(chunks.rates)}`);
    const stream = measure("stream", small, REPS);
    console.log(`edi tokenize_file_stream_mb_s=${fmt(median(stream.rates))} ${spread(stream.rates)}`);
    console.log(
      `edi tokenize_file_stream_cpu_mb_s=${fmt(median(stream.cpuRates))} ${spread(stream.cpuRates)}`,
    );
    console.log(`edi tokenize_file_stream peak_rss_mb=${fmt(stream.peakRssMb)}`);
    console.log(`edi tokenize_file_stream peak_heap_mb=${fmt(stream.peakHeapMb)}`);
    if (stream.count !== chunks.count)
      throw new Error(`token count differs: ${stream.count} vs ${chunks.count}`);
    const translate = measure("translate", small, TRANSLATE_REPS);
    if (translate.count !== g.sets) throw new Error(`translated ${translate.count} of ${g.sets} sets`);
    console.log(`edi translate_file_stream_mb_s=${fmt(median(translate.rates))} ${spread(translate.rates)}`);
    console.log(
      `edi translate_file_stream_cpu_mb_s=${fmt(median(translate.cpuRates))} ${spread(translate.cpuRates)}`,
    );
    console.log(
      `edi translate peak_rss_mb=${fmt(translate.peakRssMb)} (one interchange of ${SETS_PER_GROUP * GROUPS_PER_INTERCHANGE} orders at a time)`,
    );
    console.log(`edi translate peak_heap_mb=${fmt(translate.peakHeapMb)}`);

    if (BIG_MB > 0) {
      rmSync(small, { force: true });
      const gb = generate(big, BIG_MB);
      const s = measure("stream", big, 1);
      console.log(`edi big_file_mb=${fmt(gb.bytes / MB)}`);
      console.log(`edi big_tokenize_file_stream_mb_s=${fmt(s.rates[0])}`);
      console.log(`edi big_tokenize_file_stream peak_rss_mb=${fmt(s.peakRssMb)}`);
      console.log(`edi big_tokenize_file_stream peak_heap_mb=${fmt(s.peakHeapMb)}`);
    }

    const tok = median(stream.rates);
    const fl = median(floor.rates);
    console.log(`RESULT edi tokenize_mb_s=${fmt(tok)} floor=${fmt(fl)} ratio=${(tok / fl).toFixed(2)}`);
  } finally {
    rmSync(small, { force: true });
    rmSync(big, { force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [phase, path, reps] = process.argv.slice(2);
  child(phase, path, Number(reps)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

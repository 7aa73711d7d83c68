// Progress for long work: one updating line on a terminal, a line per ~10% step in logs/CI.
export function progressPrinter(stream: NodeJS.WriteStream = process.stdout) {
  const lastDecile = new Map<string, number>();
  return (step: string, done: number, total: number) => {
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    const text = `  ${step.padEnd(28)} ${String(percent).padStart(3)}%  (${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")})`;
    if (stream.isTTY) {
      stream.write(`\r${text}${done >= total ? "\n" : ""}`);
      return;
    }
    const decile = Math.floor(percent / 10);
    if (lastDecile.get(step) === decile) return;
    lastDecile.set(step, decile);
    stream.write(`${text}\n`);
  };
}

// `wholesail edi translate FILE`: read an EDI file without the database and print JSON.
// Exit codes: 0 all accepted, 1 some transaction rejected or envelope errors, 2 not EDI / unreadable.
import { createReadStream } from "node:fs";
import { translateStream } from "./translate.ts";

export async function runTranslateCli(path: string): Promise<number> {
  let result: Awaited<ReturnType<typeof translateStream>>;
  try {
    // Streamed, so a file of hundreds of MB does not have to fit in memory as one string.
    result = await translateStream(createReadStream(path, { highWaterMark: 1 << 20 }));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    process.stdout.write(
      `${JSON.stringify({ interchanges: [], error: { code: "FILE_UNREADABLE", message } }, null, 2)}\n`,
    );
    return 2;
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (result.error) return 2;
  const bad = result.interchanges.some(
    (ic) => ic.errors.length > 0 || ic.transactions.some((t) => t.status === "rejected"),
  );
  return bad ? 1 : 0;
}

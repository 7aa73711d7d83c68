// `wholesail edi translate FILE`: read an EDI file without the database and print JSON.
// Exit codes: 0 all accepted, 1 some transaction rejected or envelope errors, 2 not EDI / unreadable.
import { createReadStream } from "node:fs";
import type { Writable } from "node:stream";
import { type AckOptions, translateStream } from "./translate.ts";
import type { InterchangeResult } from "./types.ts";

/**
 * Prints each interchange as soon as it is read, so memory holds one interchange whatever the
 * file's size. The output is exactly `JSON.stringify({interchanges, error?}, null, 2)`.
 */
export async function runTranslateCli(
  path: string,
  out: Writable = process.stdout,
  opts: AckOptions = {},
): Promise<number> {
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.write(text)) resolve();
      else out.once("drain", resolve).once("error", reject);
    });
  let count = 0;
  let bad = false;
  let pending: Promise<void> = Promise.resolve();
  const onInterchange = (ic: InterchangeResult) => {
    bad ||= ic.errors.length > 0 || ic.transactions.some((t) => t.status === "rejected");
    const json = JSON.stringify(ic, null, 2).replace(/\n/g, "\n    ");
    const text = `${count++ === 0 ? '{\n  "interchanges": [\n    ' : ",\n    "}${json}`;
    pending = pending.then(() => write(text));
  };
  let error: { code: string; message: string } | undefined;
  try {
    // Streamed, so a file of hundreds of MB does not have to fit in memory as one string.
    const result = await translateStream(
      createReadStream(path, { highWaterMark: 1 << 20 }),
      opts,
      onInterchange,
    );
    error = result.error;
  } catch (e) {
    error = { code: "FILE_UNREADABLE", message: e instanceof Error ? e.message : String(e) };
  }
  await pending;
  const tail = error ? `,\n  "error": ${JSON.stringify(error, null, 2).replace(/\n/g, "\n  ")}` : "";
  await write(count === 0 ? `{\n  "interchanges": []${tail}\n}\n` : `\n  ]${tail}\n}\n`);
  if (error) return 2;
  return bad ? 1 : 0;
}

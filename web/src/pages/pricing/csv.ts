// A small CSV reader for the import preview only (the server parses the file for real): enough to show
// the uploaded rows with the cells the server rejected highlighted. Header names are normalised the
// way the server does ("Unit Price" → "unit_price"), so its error columns match.

export interface CsvPreview {
  header: string[];
  /** Spreadsheet row numbers (the header is row 1) with their cells. */
  rows: { row: number; cells: string[] }[];
}

export const normalizeHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

export function parseCsv(text: string, maxRows = 50): CsvPreview {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  const src = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      if (records.length > maxRows) break;
    } else field += c;
  }
  if (field !== "" || record.length) {
    record.push(field);
    records.push(record);
  }
  const [head = [], ...body] = records;
  const rows = body
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter((r) => r.cells.some((c) => c.trim() !== ""))
    .slice(0, maxRows);
  return { header: head.map(normalizeHeader), rows };
}

// Turns an uploaded CSV or XLSX file into a header and numbered rows of strings (spreadsheet row
// numbers: the header is row 1). Numbers from XLSX become their shortest decimal text, dates YYYY-MM-DD.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { DomainError } from "../../lib/errors.ts";

export const CSV_TYPE = "text/csv";
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const MAX_IMPORT_ROWS = 200_000;

export type Sheet = { header: string[]; rows: { row: number; cells: Record<string, string> }[] };

/** "Unit Price " → "unit_price". */
export const normalizeHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

export async function parseUpload(body: Buffer, contentType: string): Promise<Sheet> {
  const matrix = contentType.startsWith(XLSX_TYPE) ? await xlsxMatrix(body) : csvMatrix(body);
  if (matrix.length === 0) throw new DomainError("VALIDATION_FAILED", "The file is empty");
  const header = matrix[0].map(normalizeHeader);
  const rows: Sheet["rows"] = [];
  for (let i = 1; i < matrix.length; i++) {
    const cells: Record<string, string> = {};
    let empty = true;
    header.forEach((name, c) => {
      const value = (matrix[i][c] ?? "").trim();
      if (value !== "") empty = false;
      if (name) cells[name] = value;
    });
    if (!empty) rows.push({ row: i + 1, cells });
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new DomainError("VALIDATION_FAILED", `At most ${MAX_IMPORT_ROWS} rows per import; split the file`, {
      rows: rows.length,
    });
  }
  return { header, rows };
}

function csvMatrix(body: Buffer): string[][] {
  try {
    return parse(body, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    throw new DomainError("VALIDATION_FAILED", `Not a readable CSV file: ${(error as Error).message}`);
  }
}

async function xlsxMatrix(body: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch (error) {
    throw new DomainError("VALIDATION_FAILED", `Not a readable XLSX file: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const matrix: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    matrix[rowNumber - 1] = cells;
  });
  for (let i = 0; i < matrix.length; i++) matrix[i] ??= [];
  return matrix;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((t) => t.text).join("");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
  }
  return String(value);
}

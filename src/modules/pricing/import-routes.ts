// Imports (raw CSV/XLSX body, ?kind=&priceListId=&filename=, max 10 MB) and price-list exports.
// Registered in its own encapsulated context so the raw-body parsers apply to these routes only.
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { callerOf } from "../../app/access.ts";
import type { Db } from "../../app/db.ts";
import { PRICING_READERS as read, PRICING_WRITERS as write } from "./access.ts";
import { ExportQuery, IdParams, ImportQuery } from "./api-schemas.ts";
import { CSV_TYPE, XLSX_TYPE } from "./import-parse.ts";
import { cancelImport, commitImport, createImport, getImport } from "./imports.ts";
import { exportRows } from "./price-lists.ts";

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export async function importRoutes(app: FastifyInstance, db: Db): Promise<void> {
  for (const type of [CSV_TYPE, XLSX_TYPE]) {
    app.addContentTypeParser(type, { parseAs: "buffer", bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) =>
      done(null, body),
    );
  }
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["pricing admin"];

  r.post(
    "/api/pricing/imports",
    { config: { access: write }, bodyLimit: MAX_UPLOAD_BYTES, schema: { tags, querystring: ImportQuery } },
    async (request, reply) => {
      const type = request.headers["content-type"] ?? "";
      if (!Buffer.isBuffer(request.body) || !(type.startsWith(CSV_TYPE) || type.startsWith(XLSX_TYPE))) {
        reply.status(415);
        return {
          error: {
            code: "UNSUPPORTED_MEDIA_TYPE",
            message: `Upload the file as the request body with content-type ${CSV_TYPE} or ${XLSX_TYPE}`,
          },
        };
      }
      const { kind, priceListId, filename } = request.query;
      reply.status(201);
      return {
        import: await createImport(
          db,
          kind,
          priceListId,
          filename,
          request.body,
          type,
          callerOf(request).userId,
        ),
      };
    },
  );
  r.get(
    "/api/pricing/imports/:id",
    { config: { access: read }, schema: { tags, params: IdParams } },
    async (q) => ({
      import: await getImport(db, q.params.id),
    }),
  );
  r.post(
    "/api/pricing/imports/:id/commit",
    { config: { access: write }, schema: { tags, params: IdParams } },
    async (q) => ({ import: await commitImport(db, q.params.id) }),
  );
  r.post(
    "/api/pricing/imports/:id/cancel",
    { config: { access: write }, schema: { tags, params: IdParams } },
    async (q) => ({ import: await cancelImport(db, q.params.id) }),
  );

  r.get(
    "/api/pricing/price-lists/:id/export",
    { config: { access: read }, schema: { tags, params: IdParams, querystring: ExportQuery } },
    async (request, reply) => {
      const { list, rows } = await exportRows(db, request.params.id);
      const base = `price-list-${list.id}`;
      // The same columns the import reads back (sku, unit_price, uom), plus name for people.
      const header = ["sku", "name", "unit_price", "uom", "base_unit"];
      const cells = rows.map((r) =>
        r.uom
          ? [r.sku, r.name, r.enteredPrice, r.uom, r.baseUnit]
          : [r.sku, r.name, r.unitPrice, "", r.baseUnit],
      );
      if (request.query.format === "xlsx") {
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet("Entries");
        sheet.addRow(header);
        // Prices as text: a spreadsheet float would lose the exact 4-decimal value.
        for (const row of cells) sheet.addRow(row);
        const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
        reply
          .header("content-type", XLSX_TYPE)
          .header("content-disposition", `attachment; filename="${base}.xlsx"`);
        return reply.send(buffer);
      }
      const csv = [header, ...cells].map((row) => row.map(csvCell).join(",")).join("\r\n");
      reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${base}.csv"`);
      return reply.send(`${csv}\r\n`);
    },
  );
}

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  // Quote when needed; neutralise spreadsheet formulas (CSV injection) with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

// What happens to each outbox event once its change committed (see events/publish.ts): EDI
// partners get their ship notice (856/DESADV) and invoice (810/INVOIC).
import { sendInvoiceDocument, sendShipNotice } from "../modules/channels/edi/outbound-lifecycle.ts";
import type { Handlers } from "../modules/events/publish.ts";
import type { Db } from "./db.ts";

export function eventHandlers(db: Db): Handlers {
  return {
    "order.shipped": async (payload) => {
      failed(await sendShipNotice(db, Number(payload.shipmentId), new Date()));
    },
    "invoice.issued": async (payload) => {
      failed(await sendInvoiceDocument(db, Number(payload.invoiceId), new Date()));
    },
  };
}

/** A delivery that failed throws, so the publisher retries (the document is re-sent as written). */
function failed(record: { status: string; error?: string; docType: string } | null): void {
  if (record?.status === "failed") {
    throw new Error(`${record.docType} delivery failed: ${record.error ?? "unknown error"}`);
  }
}

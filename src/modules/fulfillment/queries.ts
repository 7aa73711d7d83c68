// Reading shipments: an order's shipments with their packages and lines (order detail, EDI 856).
import type { Db } from "../../app/db.ts";

export type ShipmentView = {
  id: number;
  number: string;
  warehouseCode: string;
  carrier: string | null;
  trackingNumber: string | null;
  shippedAt: string;
  packages: { sscc: string; lines: { lineNo: number; sku: string; quantity: number }[] }[];
};

export async function shipmentsForOrder(db: Db, orderId: number): Promise<ShipmentView[]> {
  const { rows } = await db.pool.query(
    `select s.id, s.number, w.code as "warehouseCode", s.carrier, s.tracking_number as "trackingNumber",
            s.shipped_at as "shippedAt",
            coalesce((select json_agg(json_build_object('sscc', p.sscc, 'lines',
                        (select coalesce(json_agg(json_build_object('lineNo', l.line_no, 'sku', i.sku, 'quantity', sl.quantity)
                                                  order by l.line_no), '[]')
                           from shipment_lines sl join order_lines l on l.id = sl.order_line_id
                           join items i on i.id = sl.item_id where sl.package_id = p.id)) order by p.seq)
                        from shipment_packages p where p.shipment_id = s.id), '[]') as packages
       from shipments s join warehouses w on w.id = s.warehouse_id
      where s.order_id = $1 order by s.id`,
    [orderId],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), shippedAt: new Date(r.shippedAt).toISOString() }));
}

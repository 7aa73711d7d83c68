// Pure available-to-promise arithmetic (no database): when inbound supply covers a backorder.

/** One open purchase-order line: open quantity expected on a date ("YYYY-MM-DD"). */
export type Inbound = { date: string; quantity: number; warehouseId: number; purchaseOrder: string };

/**
 * The date by which cumulative inbound supply covers `alreadyPromised + quantity` units (earlier
 * backorders are served first), or null when the known supply never does. An overdue receipt
 * (date before `today`) counts as arriving today.
 */
export function backorderEta(
  inbound: readonly Inbound[],
  alreadyPromised: number,
  quantity: number,
  today: string,
): string | null {
  if (quantity <= 0) return null;
  const needed = Math.max(0, alreadyPromised) + quantity;
  let cumulative = 0;
  for (const receipt of [...inbound].sort((a, b) => a.date.localeCompare(b.date))) {
    if (receipt.quantity <= 0) continue;
    cumulative += receipt.quantity;
    if (cumulative >= needed) return receipt.date < today ? today : receipt.date;
  }
  return null;
}

/**
 * Available-to-promise by date for one item and warehouse: what is free now plus inbound received
 * by each date, as a running total (one point per receipt date).
 */
export function atpTimeline(
  availableNow: number,
  inbound: readonly Inbound[],
  today: string,
): { date: string; atp: number }[] {
  const byDate = new Map<string, number>();
  for (const r of inbound) {
    if (r.quantity <= 0) continue;
    const date = r.date < today ? today : r.date;
    byDate.set(date, (byDate.get(date) ?? 0) + r.quantity);
  }
  const points = [{ date: today, atp: Math.max(0, availableNow) + (byDate.get(today) ?? 0) }];
  byDate.delete(today);
  let running = points[0].atp;
  for (const date of [...byDate.keys()].sort()) {
    running += byDate.get(date)!;
    points.push({ date, atp: running });
  }
  return points;
}

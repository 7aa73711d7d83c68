// Pure allocation planning: which warehouse gives how much to which line. No database here, so the
// rules are unit-tested exhaustively; allocate.ts applies the plan under row locks.

export type LineRequest = { itemId: number; sku: string; quantity: number };
export type LineAllocation = { warehouseId: number; quantity: number };
export type Shortage = { sku: string; requested: number; available: number };

/**
 * For each item (lines of one item are summed and checked together): the nearest warehouse that
 * can fill the whole quantity; otherwise split nearest-first across warehouses. Returns one list of
 * allocations per input line (same order), or the first shortage.
 * `available` maps `${itemId}:${warehouseId}` to on_hand - allocated.
 */
export function planAllocation(
  lines: LineRequest[],
  available: Map<string, number>,
  warehouseOrder: number[],
): { ok: true; perLine: LineAllocation[][] } | { ok: false; shortage: Shortage } {
  const totals = new Map<number, { sku: string; quantity: number }>();
  for (const line of lines) {
    const seen = totals.get(line.itemId);
    totals.set(line.itemId, { sku: line.sku, quantity: (seen?.quantity ?? 0) + line.quantity });
  }
  const chunksByItem = new Map<number, LineAllocation[]>();
  for (const [itemId, { sku, quantity }] of totals) {
    const free = (w: number) => Math.max(0, available.get(`${itemId}:${w}`) ?? 0);
    const whole = warehouseOrder.find((w) => free(w) >= quantity);
    if (whole !== undefined) {
      chunksByItem.set(itemId, [{ warehouseId: whole, quantity }]);
      continue;
    }
    const total = warehouseOrder.reduce((sum, w) => sum + free(w), 0);
    if (total < quantity) return { ok: false, shortage: { sku, requested: quantity, available: total } };
    const chunks: LineAllocation[] = [];
    let remaining = quantity;
    for (const w of warehouseOrder) {
      const take = Math.min(free(w), remaining);
      if (take > 0) chunks.push({ warehouseId: w, quantity: take });
      remaining -= take;
      if (remaining === 0) break;
    }
    chunksByItem.set(itemId, chunks);
  }
  // Hand each item's warehouse chunks out to its lines in line order.
  const perLine = lines.map((line) => {
    const chunks = chunksByItem.get(line.itemId)!;
    const mine: LineAllocation[] = [];
    let needed = line.quantity;
    while (needed > 0) {
      const chunk = chunks[0];
      const take = Math.min(chunk.quantity, needed);
      mine.push({ warehouseId: chunk.warehouseId, quantity: take });
      chunk.quantity -= take;
      needed -= take;
      if (chunk.quantity === 0) chunks.shift();
    }
    return mine;
  });
  return { ok: true, perLine };
}

export type PartialPlan = { perLine: LineAllocation[][]; backordered: number[] };

/**
 * Like planAllocation, but never fails: each item takes the nearest warehouse that can fill it,
 * else what every warehouse has, nearest first; the shortfall is backordered. Lines of one item
 * are served in line order, so an earlier line is filled before a later one is backordered.
 */
export function planPartialAllocation(
  lines: LineRequest[],
  available: Map<string, number>,
  warehouseOrder: number[],
): PartialPlan {
  const totals = new Map<number, number>();
  for (const line of lines) totals.set(line.itemId, (totals.get(line.itemId) ?? 0) + line.quantity);
  const fillable = new Map<number, number>();
  for (const [itemId, quantity] of totals) {
    const total = warehouseOrder.reduce(
      (sum, w) => sum + Math.max(0, available.get(`${itemId}:${w}`) ?? 0),
      0,
    );
    fillable.set(itemId, Math.min(quantity, total));
  }
  // Shrink each line to what its item can fill (in line order), then plan that in full.
  const left = new Map(fillable);
  const shrunk = lines.map((line) => {
    const take = Math.min(line.quantity, left.get(line.itemId) ?? 0);
    left.set(line.itemId, (left.get(line.itemId) ?? 0) - take);
    return { ...line, quantity: take };
  });
  const nonEmpty = shrunk.filter((l) => l.quantity > 0);
  const plan = planAllocation(nonEmpty, available, warehouseOrder);
  if (!plan.ok) throw new Error(`partial plan overdrew ${plan.shortage.sku}`); // cannot happen
  let next = 0;
  const perLine = shrunk.map((l) => (l.quantity > 0 ? plan.perLine[next++] : []));
  return { perLine, backordered: lines.map((l, i) => l.quantity - shrunk[i].quantity) };
}

// Proposing a substitute for a short line: the first of the item's substitutes (by priority) with
// enough free stock for the whole shortfall. Only proposed — the customer must accept it.
import type pg from "pg";

export type SubstituteProposal = {
  substituteItemId: number;
  substituteSku: string;
  substituteName: string;
  available: number;
};

/** `taken`: units of each item this order allocates, not yet written to the counters. */
export async function proposeSubstitutes(
  client: pg.PoolClient,
  short: readonly { itemId: number; quantity: number }[],
  taken: ReadonlyMap<number, number>,
): Promise<Map<number, SubstituteProposal>> {
  const proposals = new Map<number, SubstituteProposal>();
  if (short.length === 0) return proposals;
  const { rows } = await client.query({
    name: "intake_substitutes",
    text: `select s.item_id, s.substitute_item_id, i.sku, i.name,
                  coalesce(sum(sl.on_hand - sl.allocated), 0)::int as available
             from item_substitutes s
             join items i on i.id = s.substitute_item_id and i.active
             left join stock_levels sl on sl.item_id = s.substitute_item_id
            where s.item_id = any($1::int[])
            group by s.item_id, s.substitute_item_id, i.sku, i.name, s.priority
            order by s.item_id, s.priority, s.substitute_item_id`,
    values: [short.map((s) => s.itemId)],
  });
  // Two short lines of one item ask for their shortfalls together.
  const needed = new Map<number, number>();
  for (const s of short) needed.set(s.itemId, (needed.get(s.itemId) ?? 0) + s.quantity);
  for (const r of rows) {
    const available = r.available - (taken.get(r.substitute_item_id) ?? 0);
    if (proposals.has(r.item_id) || available < (needed.get(r.item_id) ?? 0)) continue;
    proposals.set(r.item_id, {
      substituteItemId: r.substitute_item_id,
      substituteSku: r.sku,
      substituteName: r.name,
      available,
    });
  }
  return proposals;
}

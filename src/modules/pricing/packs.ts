/**
 * Quantity rules of a line, before any price: unit of measure → base units, order multiples
 * (reject or round up per account policy) and minimum order quantity.
 */
import type { ItemIdx, PolicyIdx } from "./index-rules.ts";
import type { Issue, ViolationCode, WarningCode } from "./types.ts";

export interface QuantityResult {
  /** Priced quantity in the line's unit (after any round-up). */
  quantity: number;
  baseQuantity: number;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/**
 * `quantity` is a positive safe integer and `factor` the line unit's base units. Pushes pack-rule
 * violations and warnings onto the line's lists. Returns null (the caller reports it) only when the
 * base quantity overflows a safe integer.
 */
export function resolveQuantity(
  item: ItemIdx,
  policy: PolicyIdx,
  uom: string,
  quantity: number,
  factor: number,
  violations: Issue<ViolationCode>[],
  warnings: Issue<WarningCode>[],
): QuantityResult | null {
  let qty = quantity;
  let base = quantity * factor;
  if (!Number.isSafeInteger(base)) return null;

  const multiple = item.orderMultiple;
  if (base % multiple !== 0) {
    if (policy.caseRounding === "round_up") {
      // the smallest quantity ≥ the request that is both a multiple of the order multiple and a
      // whole number of the line's unit
      const step = (multiple / gcd(multiple, factor)) * factor;
      const roundedBase = Math.ceil(base / step) * step;
      if (!Number.isSafeInteger(roundedBase)) return null;
      const roundedQty = roundedBase / factor;
      warnings.push({
        code: "ROUNDED_UP_TO_CASE",
        message: `${sku(item)}: ${quantity} ${uom} rounded up to ${roundedQty} ${uom} (multiples of ${multiple} ${item.baseUnit})`,
        data: {
          requested: quantity,
          quantity: roundedQty,
          uom,
          orderMultiple: multiple,
          baseUnit: item.baseUnit,
        },
      });
      qty = roundedQty;
      base = roundedBase;
    } else {
      violations.push({
        code: "CASE_MULTIPLE",
        message: `${sku(item)}: ${base} ${item.baseUnit} is not a multiple of ${multiple} ${item.baseUnit}`,
        data: { baseQuantity: base, orderMultiple: multiple, baseUnit: item.baseUnit },
      });
    }
  }
  if (base < item.minOrderQty) {
    violations.push({
      code: "BELOW_MOQ",
      message: `${sku(item)}: ${base} ${item.baseUnit} is below the minimum order quantity of ${item.minOrderQty}`,
      data: { baseQuantity: base, minOrderQty: item.minOrderQty, baseUnit: item.baseUnit },
    });
  }
  return { quantity: qty, baseQuantity: base };
}

function sku(item: ItemIdx): string {
  return item.sku;
}

// Money arrives as decimal strings ("1234.5000"). We never turn it into a float for arithmetic:
// sums and products use scaled BigInts, and display goes through Intl on the string itself
// (Intl.NumberFormat formats decimal strings exactly).

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, minDigits: number, maxDigits: number): Intl.NumberFormat {
  const key = `${currency}|${minDigits}|${maxDigits}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat("en-US", {
        style: "currency",
        currency,
        minimumFractionDigits: minDigits,
        maximumFractionDigits: maxDigits,
      });
    } catch {
      f = new Intl.NumberFormat("en-US", {
        minimumFractionDigits: minDigits,
        maximumFractionDigits: maxDigits,
      });
    }
    formatters.set(key, f);
  }
  return f;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Formats an amount (e.g. an order total) with the currency's usual 2 decimals. */
export function formatMoney(amount: string | null | undefined, currency = "USD"): string {
  if (amount === null || amount === undefined || !DECIMAL.test(amount)) return "—";
  return formatter(currency, 2, 2).format(amount as Intl.StringNumericLiteral);
}

/** Formats a unit price: 2 decimals, or all 4 when the price has sub-cent digits ($44.2920). */
export function formatUnitPrice(amount: string | null | undefined, currency = "USD"): string {
  if (amount === null || amount === undefined || !DECIMAL.test(amount)) return "—";
  const fraction = amount.split(".")[1] ?? "";
  const subCent = /[1-9]/.test(fraction.slice(2));
  return formatter(currency, subCent ? 4 : 2, subCent ? 4 : 2).format(amount as Intl.StringNumericLiteral);
}

interface Scaled {
  value: bigint;
  scale: number;
}

function toScaled(amount: string): Scaled {
  if (!DECIMAL.test(amount)) throw new Error(`Not a decimal amount: ${amount}`);
  const negative = amount.startsWith("-");
  const [whole, fraction = ""] = (negative ? amount.slice(1) : amount).split(".");
  const value = BigInt(whole + fraction);
  return { value: negative ? -value : value, scale: fraction.length };
}

function fromScaled({ value, scale }: Scaled): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** Rounds half away from zero to `decimals` places. */
export function roundDecimal(amount: string, decimals = 2): string {
  const s = toScaled(amount);
  if (s.scale <= decimals) {
    return fromScaled({ value: s.value * 10n ** BigInt(decimals - s.scale), scale: decimals });
  }
  const divisor = 10n ** BigInt(s.scale - decimals);
  const negative = s.value < 0n;
  const abs = negative ? -s.value : s.value;
  let q = abs / divisor;
  if ((abs % divisor) * 2n >= divisor) q += 1n;
  return fromScaled({ value: negative ? -q : q, scale: decimals });
}

/** unit price × integer quantity, exact, rounded once to 2 decimals. */
export function extend(unitPrice: string, quantity: number): string {
  if (!Number.isInteger(quantity)) throw new Error("Quantity must be an integer");
  const s = toScaled(unitPrice);
  return roundDecimal(fromScaled({ value: s.value * BigInt(quantity), scale: s.scale }), 2);
}

/** Exact sum of decimal strings. */
export function sum(amounts: string[]): string {
  let scale = 0;
  const parsed = amounts.map(toScaled);
  for (const p of parsed) scale = Math.max(scale, p.scale);
  let total = 0n;
  for (const p of parsed) total += p.value * 10n ** BigInt(scale - p.scale);
  return fromScaled({ value: total, scale });
}

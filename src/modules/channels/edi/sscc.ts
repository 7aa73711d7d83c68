// SSCC-18 pallet/carton labels: 17 data digits + GS1 mod-10 check digit.

/** GS1 check digit for a digit string: weights 3,1,3… from the right. */
export function gs1CheckDigit(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new Error(`not digits: ${digits}`);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Build an SSCC-18 from extension digit, GS1 company prefix and serial reference. */
export function makeSscc(extension: number, companyPrefix: string, serial: number | string): string {
  const serialWidth = 16 - companyPrefix.length;
  const s = String(serial).padStart(serialWidth, "0");
  if (!/^\d{6,12}$/.test(companyPrefix) || s.length !== serialWidth || extension < 0 || extension > 9) {
    throw new Error("SSCC needs a 6-12 digit company prefix and a serial that fits 16 digits in total");
  }
  const base = `${extension}${companyPrefix}${s}`;
  return base + gs1CheckDigit(base);
}

export function isValidSscc(sscc: string): boolean {
  return /^\d{18}$/.test(sscc) && gs1CheckDigit(sscc.slice(0, 17)) === sscc[17];
}

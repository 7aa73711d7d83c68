// GS1 check digits (UPC-A, EAN-13, GLN all use the same mod-10 rule): from the right, digits are
// weighted 3,1,3,1…; the check digit brings the weighted sum to a multiple of 10.

/** Check digit for a string of digits that does NOT yet include the check digit. */
export function gs1CheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new Error(`GS1 check digit: "${digits}" is not all digits`);
  let sum = 0;
  for (let i = digits.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += Number(digits[i]) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `code` is all digits and its last digit is the correct GS1 check digit. */
export function isValidGs1(code: string, length: number): boolean {
  return (
    code.length === length && /^\d+$/.test(code) && gs1CheckDigit(code.slice(0, -1)) === Number(code.at(-1))
  );
}

/** UPC-A: 11 data digits + check digit. */
export function makeUpcA(elevenDigits: string): string {
  if (elevenDigits.length !== 11) throw new Error(`UPC-A needs 11 data digits, got "${elevenDigits}"`);
  return elevenDigits + gs1CheckDigit(elevenDigits);
}

export const isValidUpcA = (code: string): boolean => isValidGs1(code, 12);

/** GLN (Global Location Number): 12 data digits + check digit. */
export function makeGln(twelveDigits: string): string {
  if (twelveDigits.length !== 12) throw new Error(`GLN needs 12 data digits, got "${twelveDigits}"`);
  return twelveDigits + gs1CheckDigit(twelveDigits);
}

export const isValidGln = (code: string): boolean => isValidGs1(code, 13);

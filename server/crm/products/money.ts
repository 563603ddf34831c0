/**
 * Exact decimal arithmetic for prices: amounts travel and are stored as decimal strings
 * (`numeric`), and every computation here runs on integer units in BigInt, so 0.1 + 0.2 is
 * never 0.30000000000000004 and a line total equals what an accountant computes by hand.
 * Rounding is half away from zero (commercial rounding), to the cent.
 */

/** Money in the API and in `numeric(14,2)`: up to 12 integer digits, 2 decimals. */
export const MONEY_PATTERN = '^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,2})?$';
/** A percentage with up to 2 decimals, 0–100. */
export const PERCENT_PATTERN = '^(100(\\.0{1,2})?|[1-9]?[0-9](\\.[0-9]{1,2})?)$';
/** A quantity: up to 11 integer digits, 3 decimals, above zero (checked in code). */
export const QUANTITY_PATTERN = '^(0|[1-9][0-9]{0,10})(\\.[0-9]{1,3})?$';
/** The largest amount `numeric(14,2)` holds, in cents. */
export const MAX_CENTS = 10n ** 14n - 1n;

/** "12.5" with 2 places → 1250n. The input has at most `places` decimals (schemas ensure it). */
export function toUnits(decimal: string, places: number): bigint {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole! + fraction.padEnd(places, '0').slice(0, places));
}

/** 1250n with 2 places → "12.50". */
export function fromUnits(units: bigint, places: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, '0');
  const text = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return negative ? `-${text}` : text;
}

/** `numerator / denominator`, rounded half away from zero. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  return 2n * (remainder < 0n ? -remainder : remainder) >= denominator ? quotient + (numerator < 0n ? -1n : 1n) : quotient;
}

/** `price` less `percent` %, to the cent: ("199.99", "15") → "169.99". */
export function discounted(price: string, percent: string): string {
  return fromUnits(divideRounded(toUnits(price, 2) * (10000n - toUnits(percent, 2)), 10000n), 2);
}

/** quantity × unit price less the discount, to the cent: ("3", "19.99", "10") → "53.97". */
export function lineTotalCents(quantity: string, unitPrice: string, discountPercent: string): bigint {
  return divideRounded(toUnits(quantity, 3) * toUnits(unitPrice, 2) * (10000n - toUnits(discountPercent, 2)), 1000n * 10000n);
}

/** Normalises a decimal string to `places` decimals ("12.5" → "12.50"). */
export const normalise = (decimal: string, places: number) => fromUnits(toUnits(decimal, places), places);

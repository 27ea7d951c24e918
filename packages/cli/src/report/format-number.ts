/**
 * Exact ports of Python's `%f`, `%e` and `%g` number formats, so the text report
 * matches kernprof byte for byte (SPEC §5).
 *
 * `Number#toFixed` and `Number#toExponential` cannot be used: on an exact tie they
 * round half up (`(0.25).toFixed(1) === '0.3'`), where Python rounds half to even on
 * the exact binary value (`'%.1f' % 0.25 == '0.2'`). Every double is a finite decimal,
 * so we expand it exactly with BigInt and round that.
 */

/** `|x| = digits / 10^scale`, exactly. */
interface ExactDecimal {
  negative: boolean;
  digits: bigint;
  scale: number;
}

/** A value rounded to `precision + 1` significant digits: `|x| ≈ digits * 10^(exponent - precision)`. */
interface Significand {
  digits: bigint;
  exponent: number;
}

/** Expands a finite double into its exact decimal value. */
function toExactDecimal(value: number): ExactDecimal {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const negative = high >>> 31 === 1;
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  let exponent = -1074; // subnormal
  if (biased !== 0) {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  if (exponent >= 0) return { negative, digits: mantissa << BigInt(exponent), scale: 0 };
  // m / 2^k === m * 5^k / 10^k
  return { negative, digits: mantissa * 5n ** BigInt(-exponent), scale: -exponent };
}

/** `n / divisor` rounded half to even, for non-negative `n`. */
function divideHalfEven(n: bigint, divisor: bigint): bigint {
  const quotient = n / divisor;
  const twiceRemainder = 2n * (n % divisor);
  const roundUp = twiceRemainder > divisor || (twiceRemainder === divisor && quotient % 2n === 1n);
  return roundUp ? quotient + 1n : quotient;
}

/** `round(|x| * 10^fraction)`, half to even. */
function scaleTo(decimal: ExactDecimal, fraction: number): bigint {
  const shift = decimal.scale - fraction;
  if (shift > 0) return divideHalfEven(decimal.digits, 10n ** BigInt(shift));
  return decimal.digits * 10n ** BigInt(-shift);
}

/** Writes the integer `n` as a decimal with `fraction` digits after the point. */
function placePoint(n: bigint, fraction: number): string {
  const text = n.toString().padStart(fraction + 1, '0');
  if (fraction === 0) return text;
  return `${text.slice(0, -fraction)}.${text.slice(-fraction)}`;
}

/** Rounds to `precision + 1` significant digits, as Python's `%.{precision}e` does. */
function roundSignificant(decimal: ExactDecimal, precision: number): Significand {
  if (decimal.digits === 0n) return { digits: 0n, exponent: 0 };
  let exponent = decimal.digits.toString().length - 1 - decimal.scale;
  let digits = scaleTo(decimal, precision - exponent);
  if (digits.toString().length > precision + 1) {
    // Rounding carried into a new digit (9.96 -> 10.0): the dropped digit is a 0.
    digits /= 10n;
    exponent += 1;
  }
  return { digits, exponent };
}

/** Python's spelling of NaN and the infinities, or undefined for finite values. */
function formatNonFinite(value: number): string | undefined {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return undefined;
}

function formatExponent(exponent: number): string {
  return `e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

function stripTrailingZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/**
 * Python's `'%{width}.{digits}f' % value`: fixed point, rounded half to even on the
 * exact binary value, right-aligned in `width`.
 * @param value The number to format.
 * @param digits Digits after the decimal point.
 * @param [width=0] Minimum width; shorter results are padded with spaces on the left.
 * @example formatFixed(3.25, 1, 5) === '  3.2'
 */
export function formatFixed(value: number, digits: number, width = 0): string {
  const special = formatNonFinite(value);
  if (special !== undefined) return special.padStart(width);
  const decimal = toExactDecimal(value);
  const body = placePoint(scaleTo(decimal, digits), digits);
  return `${decimal.negative ? '-' : ''}${body}`.padStart(width);
}

/**
 * Python's `'%{width}.{digits}e' % value`: one digit, the point, `digits` digits and
 * an exponent of at least two digits (`1.500000e+07`).
 * @param value The number to format.
 * @param [digits=6] Digits after the decimal point.
 * @param [width=0] Minimum width, padded with spaces on the left.
 */
export function formatExponential(value: number, digits = 6, width = 0): string {
  const special = formatNonFinite(value);
  if (special !== undefined) return special.padStart(width);
  const decimal = toExactDecimal(value);
  const { digits: significand, exponent } = roundSignificant(decimal, digits);
  const body = `${placePoint(significand, digits)}${formatExponent(exponent)}`;
  return `${decimal.negative ? '-' : ''}${body}`.padStart(width);
}

/**
 * Python's `'%{width}.{precision}g' % value`: `precision` significant digits, scientific
 * notation when the exponent is below -4 or at least `precision`, trailing zeros
 * removed (`1e-06`, `0.165121`, `1.23457e+08`, `0`).
 * @param value The number to format.
 * @param [precision=6] Significant digits; 0 is treated as 1, as in Python.
 * @param [width=0] Minimum width, padded with spaces on the left.
 */
export function formatG(value: number, precision = 6, width = 0): string {
  const special = formatNonFinite(value);
  if (special !== undefined) return special.padStart(width);
  const significant = Math.max(precision, 1);
  const decimal = toExactDecimal(value);
  const { digits, exponent } = roundSignificant(decimal, significant - 1);
  const body =
    exponent >= -4 && exponent < significant
      ? stripTrailingZeros(placePoint(digits, significant - 1 - exponent))
      : `${stripTrailingZeros(placePoint(digits, significant - 1))}${formatExponent(exponent)}`;
  return `${decimal.negative ? '-' : ''}${body}`.padStart(width);
}

/**
 * Python's `'%d' % value`: the integer part (truncated toward zero) in full, never in
 * exponent notation (`'%d' % 1e22 == '10000000000000000000000'`).
 * @param value The number to format.
 * @param [width=0] Minimum width, padded with spaces on the left.
 */
export function formatInteger(value: number, width = 0): string {
  // `+ 0` turns -0 into 0: Python prints `-0.5` as `0`.
  return formatFixed(Math.trunc(value) + 0, 0, width);
}

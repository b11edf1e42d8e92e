/**
 * ISO 6346 container numbers: owner code (3 letters), equipment category (U freight container,
 * J detachable equipment, Z trailer or chassis), a 6-digit serial and a check digit computed over
 * the first ten characters. A transposed or mistyped digit is caught before it reaches the gate.
 */
export const CONTAINER_CATEGORIES = ['U', 'J', 'Z'] as const;

export type ContainerNumberProblemCode =
  'CONTAINER_NUMBER_FORMAT' | 'CONTAINER_CATEGORY' | 'CONTAINER_CHECK_DIGIT';

export interface ContainerNumberProblem {
  code: ContainerNumberProblemCode;
  message: string;
}

const SHAPE = /^[A-Z]{4}\d{7}$/;

/** A=10 … Z=38, skipping 11, 22 and 33 (multiples of 11 would weaken the mod-11 check). */
const LETTER_VALUES: Record<string, number> = (() => {
  const values: Record<string, number> = {};
  let value = 10;
  for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    if (value % 11 === 0) value += 1;
    values[letter] = value++;
  }
  return values;
})();

/**
 * The check digit of the first ten characters (owner code, category, serial): each character's value
 * weighted by 2^position, summed, mod 11, and a remainder of 10 written as 0.
 */
export function containerCheckDigit(firstTen: string): number {
  if (!/^[A-Z]{4}\d{6}$/.test(firstTen)) {
    throw new Error(`"${firstTen}" is not an owner code, category and 6-digit serial`);
  }
  let sum = 0;
  for (let position = 0; position < 10; position++) {
    const char = firstTen[position];
    const value = position < 4 ? LETTER_VALUES[char] : Number(char);
    sum += value * 2 ** position;
  }
  return (sum % 11) % 10;
}

/** Printed numbers carry spaces and sometimes dashes ("CSQU 305438 3"); stored ones carry neither. */
export function normaliseContainerNumber(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase();
}

/** The problem with a container number as given (strict: upper case, no spaces), or null when valid. */
export function containerNumberProblem(value: string): ContainerNumberProblem | null {
  if (!SHAPE.test(value)) {
    return {
      code: 'CONTAINER_NUMBER_FORMAT',
      message: `"${value}" is not an ISO 6346 container number: 4 capital letters and 7 digits, e.g. CSQU3054383`,
    };
  }
  const category = value[3];
  if (!(CONTAINER_CATEGORIES as readonly string[]).includes(category)) {
    return {
      code: 'CONTAINER_CATEGORY',
      message: `${value}: equipment category "${category}" must be U (freight container), J (detachable equipment) or Z (trailer or chassis)`,
    };
  }
  const expected = containerCheckDigit(value.slice(0, 10));
  if (Number(value[10]) !== expected) {
    return {
      code: 'CONTAINER_CHECK_DIGIT',
      message: `${value}: check digit is ${value[10]} but the owner code and serial give ${expected} (${value.slice(0, 10)}${expected})`,
    };
  }
  return null;
}

export function isValidContainerNumber(value: string): boolean {
  return containerNumberProblem(value) === null;
}

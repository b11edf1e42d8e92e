/**
 * A repository's write guard: the aggregate's _id and the state a decision was made on, as plain
 * field conditions. It is checked on the document read by _id (see AggregateRepository.apply), so it
 * knows only what guards need: equality (null also matches a missing field; a value matches an array
 * that contains it, as on MongoDB), $in, $ne, $exists, $lt, $lte, $gt, $gte, $or and $and.
 */
export type Guard<T> = { _id: string } & { [K in keyof T]?: Condition<T[K]> } & {
  $or?: Record<string, unknown>[];
} & Record<string, unknown>;

type Value<V> = V | (V extends readonly (infer E)[] ? E : never);
type Condition<V> =
  | Value<V>
  | null
  | {
      $in?: readonly Value<V>[];
      $ne?: Value<V> | null;
      $exists?: boolean;
      $lt?: Value<V>;
      $lte?: Value<V>;
      $gt?: Value<V>;
      $gte?: Value<V>;
    };

export function matches(doc: object, conditions: Record<string, unknown>): boolean {
  return Object.entries(conditions).every(([path, condition]) => {
    if (path === '$or') return (condition as Record<string, unknown>[]).some((c) => matches(doc, c));
    if (path === '$and') return (condition as Record<string, unknown>[]).every((c) => matches(doc, c));
    return holds(valueAt(doc, path), condition);
  });
}

function holds(value: unknown, condition: unknown): boolean {
  if (!isOperator(condition)) return same(value, condition);
  return Object.entries(condition).every(([operator, operand]) => {
    switch (operator) {
      case '$in':
        return (operand as unknown[]).some((candidate) => same(value, candidate));
      case '$ne':
        return !same(value, operand);
      case '$exists':
        return (value !== undefined) === operand;
      case '$lt':
        return compare(value, operand, (d) => d < 0);
      case '$lte':
        return compare(value, operand, (d) => d <= 0);
      case '$gt':
        return compare(value, operand, (d) => d > 0);
      case '$gte':
        return compare(value, operand, (d) => d >= 0);
      default:
        throw new Error(`guard operator ${operator} is not supported`);
    }
  });
}

/** Numbers with numbers, dates with dates, strings with strings; anything else never matches (as MongoDB). */
function compare(a: unknown, b: unknown, test: (difference: number) => boolean): boolean {
  if (typeof a === 'number' && typeof b === 'number') return test(a - b);
  if (a instanceof Date && b instanceof Date) return test(+a - +b);
  if (typeof a === 'string' && typeof b === 'string') return test(a < b ? -1 : a > b ? 1 : 0);
  return false;
}

function isOperator(condition: unknown): condition is Record<string, unknown> {
  if (condition === null || typeof condition !== 'object' || condition instanceof Date) return false;
  const keys = Object.keys(condition);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && !Array.isArray(b)) return a.some((element) => same(element, b));
  if (b === null) return a === null || a === undefined;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && +a === +b;
  if (typeof a === 'object' && a !== null) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function valueAt(doc: object, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (at, key) => (at === null || typeof at !== 'object' ? undefined : (at as Record<string, unknown>)[key]),
      doc,
    );
}

/**
 * A repository's write guard: the aggregate's _id and the state a decision was made on, as plain
 * field conditions. It is checked on the document read by _id (see AggregateRepository.apply), so it
 * knows only what guards need: equality (null also matches a missing field; a value matches an array
 * that contains it, as on MongoDB), $in, $ne and $exists.
 */
export type Guard<T> = { _id: string } & { [K in keyof T]?: Condition<T[K]> } & Record<string, unknown>;

type Value<V> = V | (V extends readonly (infer E)[] ? E : never);
type Condition<V> =
  Value<V> | null | { $in: readonly Value<V>[] } | { $ne: Value<V> | null } | { $exists: boolean };

export function matches(doc: object, conditions: Record<string, unknown>): boolean {
  return Object.entries(conditions).every(([path, condition]) => holds(valueAt(doc, path), condition));
}

function holds(value: unknown, condition: unknown): boolean {
  if (isOperator(condition)) {
    const [[operator, operand]] = Object.entries(condition);
    switch (operator) {
      case '$in':
        return (operand as unknown[]).some((candidate) => same(value, candidate));
      case '$ne':
        return !same(value, operand);
      case '$exists':
        return (value !== undefined) === operand;
      default:
        throw new Error(`guard operator ${operator} is not supported`);
    }
  }
  return same(value, condition);
}

function isOperator(condition: unknown): condition is Record<string, unknown> {
  if (condition === null || typeof condition !== 'object' || condition instanceof Date) return false;
  const keys = Object.keys(condition);
  return keys.length === 1 && keys[0].startsWith('$');
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

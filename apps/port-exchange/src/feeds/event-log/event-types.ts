import { Events, type EventName } from '@tongguan/contracts';

/** Every event name of the catalog, as the tuple @OnEvent wants. */
export const ALL_EVENT_NAMES = Object.keys(Events) as [EventName, ...EventName[]];

const typeByName = new Map<string, string>(ALL_EVENT_NAMES.map((name) => [name, Events[name].type]));
const knownTypes = new Set<string>(typeByName.values());

export interface EventTypeProblem {
  index: number;
  value: unknown;
}

/**
 * Resolves what an agency wrote (a CloudEvents type such as `tongguan.port.CargoArrived.v1`, or the
 * short name `CargoArrived`) to CloudEvents types, in order and without repeats; every entry that names
 * no event of the catalog is reported with its position.
 */
export function resolveEventTypes(values: readonly unknown[]): {
  types: string[];
  problems: EventTypeProblem[];
} {
  const types: string[] = [];
  const problems: EventTypeProblem[] = [];
  values.forEach((value, index) => {
    const text = typeof value === 'string' ? value.trim() : '';
    const type = typeByName.get(text) ?? (knownTypes.has(text) ? text : undefined);
    if (!type) problems.push({ index, value });
    else if (!types.includes(type)) types.push(type);
  });
  return { types, problems };
}

export const EVENT_TYPE_HINT = `one of the catalog's events, by short name (e.g. CargoArrived) or CloudEvents type (e.g. ${Events.CargoArrived.type})`;

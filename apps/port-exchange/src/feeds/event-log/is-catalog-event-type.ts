import { registerDecorator, type ValidationArguments } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { ALL_EVENT_NAMES, resolveEventTypes } from './event-types';
import { Events } from '@tongguan/contracts';

/**
 * The property is a list whose every entry names an event of the catalog (short name or CloudEvents
 * type); the message names each unknown entry with its position, so the caller fixes them all at once.
 */
export function IsCatalogEventTypeList(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    // the document lists the catalog: each entry by short name or CloudEvents type
    JSONSchema({
      items: {
        type: 'string',
        enum: [...ALL_EVENT_NAMES, ...ALL_EVENT_NAMES.map((name) => Events[name].type)],
      },
    })(target, propertyName as string);
    registerDecorator({
      name: 'isCatalogEventType',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || resolveEventTypes(value).problems.length === 0,
        defaultMessage: (args: ValidationArguments) => {
          const problems = resolveEventTypes(args.value as unknown[]).problems;
          const named = problems.map((p) => `${args.property}[${p.index}] ${JSON.stringify(p.value)}`);
          return `${named.join(', ')} ${problems.length === 1 ? 'names' : 'name'} no event of the catalog; use a short name such as CargoArrived or a CloudEvents type such as tongguan.port.CargoArrived.v1`;
        },
      },
    });
  };
}

import type { Type } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

export const QUERY_FROM = 'tongguan:queryFrom';
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';
const API_MODEL_PROPERTIES_ARRAY = 'swagger/apiModelPropertiesArray';
const API_PARAMETERS = 'swagger/apiParameters';

/**
 * For a route that takes its query raw and validates it itself (e.g. to answer 400 with cross-field
 * problems): its query parameters are those of this class, with the class's validation rules.
 */
export function ApiQueryFrom(type: Type): MethodDecorator {
  return (_target, _key, descriptor) => {
    Reflect.defineMetadata(QUERY_FROM, type, descriptor.value as object);
  };
}

type PropertyMeta = SchemaObject & { type?: unknown; required?: boolean; isArray?: boolean };

const SCHEMA_KEYS = [
  'format',
  'pattern',
  'enum',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'default',
  'example',
  'nullable',
] as const;

/** Documents the class's properties as the route's query parameters (replacing same-named ones). */
export function declareQueryFrom(type: Type, target: object, key: string, descriptor: PropertyDescriptor) {
  const names = ((Reflect.getMetadata(API_MODEL_PROPERTIES_ARRAY, type.prototype) ?? []) as string[]).map(
    (entry) => entry.replace(/^:/, ''),
  );
  const handler = descriptor.value as object;
  const parameters = (Reflect.getMetadata(API_PARAMETERS, handler) ?? []) as { name?: string; in?: string }[];
  Reflect.defineMetadata(
    API_PARAMETERS,
    parameters.filter((parameter) => !(parameter.in === 'query' && names.includes(parameter.name ?? ''))),
    handler,
  );
  for (const name of new Set(names)) {
    const meta = (Reflect.getMetadata(API_MODEL_PROPERTIES, type.prototype, name) ?? {}) as PropertyMeta;
    const schema: SchemaObject = { type: typeName(meta.type) };
    for (const field of SCHEMA_KEYS)
      if (meta[field] !== undefined) Object.assign(schema, { [field]: meta[field] });
    ApiQuery({
      name,
      required: meta.required ?? false,
      ...(meta.description ? { description: meta.description } : {}),
      schema: meta.isArray ? { type: 'array', items: schema } : schema,
    })(target, key, descriptor);
  }
}

function typeName(type: unknown): SchemaObject['type'] {
  if (type === Number) return 'number';
  if (type === Boolean) return 'boolean';
  if (typeof type === 'string') return type as SchemaObject['type'];
  return 'string';
}

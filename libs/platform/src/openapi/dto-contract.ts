import type { Type } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage, IS_ISO8601, IS_RFC_3339, IS_URL } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { ecmaPattern } from './ecma-pattern';

// class-transformer keeps @Type(() => X) in a storage it exports only from this path
const { defaultMetadataStorage } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- no typed entry point for it
  require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';
const API_MODEL_PROPERTIES_ARRAY = 'swagger/apiModelPropertiesArray';

type Json = Record<string, unknown>;
type PropertyMeta = Json & { type?: unknown; required?: boolean; isArray?: boolean };

/** The keywords a validator decorator says and the document should say too. */
const CONSTRAINTS = [
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'enum',
  'format',
  'minItems',
  'maxItems',
  'uniqueItems',
] as const;

/**
 * Rules the converter library spells in a way OpenAPI 3.0 tools read poorly or not at all: an ISO 8601
 * field is documented as an RFC 3339 instant (what the services write and their examples show).
 */
const CONVERTERS = {
  [IS_ISO8601]: { type: 'string' as const, format: 'date-time' },
  [IS_RFC_3339]: { type: 'string' as const, format: 'date-time' },
  // the services take absolute http(s) URLs only
  [IS_URL]: { type: 'string' as const, format: 'uri', pattern: '^https?://' },
};

/** The classes (by name) whose validators were copied into the document: they refuse unknown fields. */
export class ValidatedClasses {
  private readonly done = new Set<Type>();

  get names(): string[] {
    return [...this.done].map((type) => type.name);
  }

  /**
   * Copies each property's class-validator rules (pattern, lengths, bounds, enum, format, integer,
   * required) into its @ApiProperty metadata, for the class and the classes nested in it: the
   * validators are the truth, the document says what they enforce, and nobody writes it twice.
   */
  add(type: Type): void {
    if (this.done.has(type) || !hasValidators(type)) return;
    this.done.add(type);
    const schema = targetConstructorToSchema(type, {
      classTransformerMetadataStorage: defaultMetadataStorage,
      additionalConverters: CONVERTERS,
    });
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    const required = new Set(schema.required ?? []);
    for (const [name, rules] of Object.entries(properties)) {
      const existing = Reflect.getMetadata(API_MODEL_PROPERTIES, type.prototype, name) as
        PropertyMeta | undefined;
      const meta: PropertyMeta = existing ? { ...existing } : { type: typeOf(rules) };
      if (!existing) {
        const list = (Reflect.getMetadata(API_MODEL_PROPERTIES_ARRAY, type.prototype) ?? []) as string[];
        Reflect.defineMetadata(API_MODEL_PROPERTIES_ARRAY, [...list, `:${name}`], type.prototype);
      }
      meta.required = required.has(name);
      // @IsOptional lets null through as well as absence
      if (!meta.required && meta.nullable === undefined) meta.nullable = true;
      const isArray =
        meta.isArray === true ||
        rules.type === 'array' ||
        rules.items !== undefined ||
        Reflect.getMetadata('design:type', type.prototype, name) === Array;
      const rule = isArray ? ((rules.items ?? {}) as Json) : rules;
      if (isArray && !meta.isArray && (meta.type === Array || meta.type === undefined)) {
        meta.isArray = true;
        meta.type = typeOf(rule) ?? String;
      }
      if (isArray) {
        for (const key of ['minItems', 'maxItems', 'uniqueItems'] as const)
          if (rules[key] !== undefined && meta[key] === undefined) meta[key] = rules[key];
      }
      copyConstraints(rule, meta);
      if (isArray && meta.enum !== undefined) {
        // swagger drops an enum of array items; given as the items' own schema it keeps it
        meta.items = { type: 'string', enum: meta.enum };
        meta.type = 'array';
        delete meta.enum;
        delete meta.isArray;
      }
      Reflect.defineMetadata(API_MODEL_PROPERTIES, meta, type.prototype, name);
      const nested = defaultMetadataStorage.findTypeMetadata(type, name)?.typeFunction();
      if (typeof nested === 'function') this.add(nested as Type);
    }
  }

  /** `additionalProperties: false` on the validated classes' schemas: the pipe refuses unknown fields. */
  closeSchemas(document: OpenAPIObject): void {
    const schemas = document.components?.schemas ?? {};
    for (const name of this.names) {
      const schema = schemas[name] as Json | undefined;
      if (schema && !('$ref' in schema)) schema.additionalProperties = false;
    }
  }
}

function copyConstraints(rule: Json, meta: PropertyMeta): void {
  const kind = rule.type;
  // a number the validators want whole is an integer; a type the metadata could not tell is theirs
  if (kind === 'integer' && (meta.type === Number || meta.type === Object || meta.type === undefined))
    meta.type = 'integer';
  else if ((meta.type === Object || meta.type === undefined) && typeof kind === 'string' && kind !== 'object')
    meta.type = kind;
  for (const key of CONSTRAINTS) {
    if (rule[key] === undefined || meta[key] !== undefined) continue;
    meta[key] = key === 'pattern' ? ecmaPattern(rule.pattern as string) : rule[key];
  }
  // OpenAPI 3.0 spells an exclusive bound as a boolean beside minimum/maximum
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof rule[exclusive] === 'number' && meta[bound] === undefined) {
      meta[bound] = rule[exclusive];
      meta[exclusive] = true;
    }
  }
}

function typeOf(rules: Json): unknown {
  switch (rules.type) {
    case 'string':
      return String;
    case 'number':
      return Number;
    case 'integer':
      return 'integer';
    case 'boolean':
      return Boolean;
    default:
      return undefined;
  }
}

function hasValidators(type: Type): boolean {
  return getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0;
}

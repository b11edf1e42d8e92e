import {
  type INestApplication,
  ParseUUIDPipe,
  type PipeTransform,
  RequestMethod,
  type Type,
} from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { ApiExtension, ApiExtraModels, ApiParam, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PUBLIC_KEY, ROLES_KEY } from '@tongguan/auth';
import { ValidatedClasses } from './dto-contract';
import { ErrorBody, FieldProblemBody } from './error-body';
import { declareQueryFrom, QUERY_FROM } from './query-from';

const API_RESPONSE = 'swagger/apiResponse';
const API_PARAMETERS = 'swagger/apiParameters';
const API_OPERATION = 'swagger/apiOperation';
const THROTTLER_SKIP = 'THROTTLER:SKIPdefault';

/** What each error status means on every route that can return it; a route's own description wins. */
export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The request cannot be read: a malformed path parameter or body (REQUEST.MALFORMED_JSON, REQUEST.TOO_DEEP)',
  401: 'No valid bearer token (AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID)',
  403: "The token's role or party may not do this (AUTH.ROLE_FORBIDDEN)",
  404: 'Not found, or not visible to the calling party',
  409: 'Refused in the current state of the resource',
  413: 'REQUEST.TOO_LARGE: the body is over 1 MB',
  415: 'REQUEST.ENCODING_UNSUPPORTED or REQUEST.CHARSET_UNSUPPORTED',
  422: 'REQUEST.INVALID: the body, query or path has deficiencies, every one listed in `errors`',
  431: 'The URL and headers are over 16 KB (answered by the HTTP server, without a body)',
  429: 'RATE_LIMIT.EXCEEDED: over the per-party (or, without a token, per-IP) budget; retry after Retry-After seconds',
};

/** The one error body, always JSON (also on routes that otherwise answer HTML, CSV or an event stream). */
const ERROR_CONTENT = { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) } } };

/** A pipe that documents the values it accepts (e.g. ShipmentIdPipe): its schema goes on the parameter. */
export interface DocumentedPipe {
  openApiSchema: SchemaObject;
}

/**
 * The error answers a route gives beyond those of its kind (see declareRouteContracts), e.g. a 404
 * for an id named in the body or a 409 of a state rule, with the one error body.
 */
export function ApiErrors(...statuses: number[]): MethodDecorator {
  return (target, key, descriptor) => {
    for (const status of statuses)
      ApiResponse({
        status,
        description: ERROR_DESCRIPTIONS[status],
        ...(status === 431 ? {} : { content: ERROR_CONTENT }),
      })(target, key, descriptor);
  };
}

interface RouteArg {
  index: number;
  data?: unknown;
  pipes?: (PipeTransform | Type<PipeTransform>)[];
}

/**
 * Refusals of schema-valid requests that no schema can state: code lists and registries, check
 * digits, cross-field and state rules (`x-business-rules` on the operation, with the status that
 * carries them). A client knows that such a request may still be refused, and why.
 */
export function ApiBusinessRules(description: string, status = 422): MethodDecorator {
  return ApiExtension('x-business-rules', { status, description });
}

/** The error statuses a route gives because of the global guards, pipes and body parser alone. */
export function commonErrorStatuses(route: {
  isPublic: boolean;
  roles?: string[];
  skipThrottle: boolean;
  pathParams: number;
  parsedPathParams: number;
  validatedPath: boolean;
  hasBody: boolean;
  validatedQuery: boolean;
}): number[] {
  const statuses = new Set<number>();
  if (!route.isPublic) statuses.add(401);
  if (!route.isPublic && route.roles) statuses.add(403);
  if (!route.skipThrottle) statuses.add(429);
  if (route.pathParams > 0) statuses.add(404);
  if (route.parsedPathParams > 0) statuses.add(400);
  if (route.hasBody) [400, 413, 415, 422].forEach((status) => statuses.add(status));
  if (route.validatedQuery || route.validatedPath) statuses.add(422);
  // free-text query values can make a URL longer than Node's 16 KB header limit
  if (route.validatedQuery) statuses.add(431);
  return [...statuses].sort();
}

const applied = new WeakSet<object>();
const validated = new ValidatedClasses();

/**
 * Run before SwaggerModule.createDocument. The guards, pipes and body parser are global, so what they
 * answer is read from each route's metadata rather than repeated on every handler: every route
 * documents the errors it can really return (with the one error body), its success answer, its roles
 * (x-roles), no security when public, and its inputs' validation rules. Call closeSchemas on the
 * result with the document.
 */
export function declareRouteContracts(app: INestApplication): ValidatedClasses {
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller || applied.has(controller)) continue;
      applied.add(controller);
      ApiExtraModels(ErrorBody, FieldProblemBody)(controller);
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        const descriptor = Object.getOwnPropertyDescriptor(controller.prototype, key);
        const handler: unknown = descriptor?.value;
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined)
          continue;
        declareRoute(controller, key, descriptor!);
      }
    }
  }
  return validated;
}

type ResponseMeta = Record<string, { type?: unknown; schema?: unknown; content?: unknown }>;

function declareRoute(controller: Type, key: string, descriptor: PropertyDescriptor): void {
  const handler = descriptor.value as object;
  const meta = <T>(name: string): T | undefined =>
    (Reflect.getMetadata(name, handler) as T | undefined) ?? (Reflect.getMetadata(name, controller) as T);
  const args = Object.entries(
    (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) ?? {}) as Record<string, RouteArg>,
  );
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, key) ?? []) as unknown[];
  const of = (type: RouteParamtypes) => args.filter(([name]) => name.split(':')[0] === String(type));
  const pathParams = of(RouteParamtypes.PARAM);
  const namedPathParams = pathParams.filter(([, arg]) => typeof arg.data === 'string');
  const pathDtos = pathParams.filter(([, arg]) => arg.data === undefined && isDto(types[arg.index]));
  const queryDtos = of(RouteParamtypes.QUERY).filter(([, arg]) => isDto(types[arg.index]));
  const bodyDocs = ((Reflect.getMetadata(API_PARAMETERS, handler) ?? []) as { in?: string; type?: unknown }[])
    .filter((parameter) => parameter.in === 'body')
    .map((parameter) => parameter.type);
  for (const type of [
    ...[...of(RouteParamtypes.BODY), ...queryDtos, ...pathDtos].map(([, arg]) => types[arg.index]),
    ...bodyDocs,
  ]) {
    if (isDto(type)) validated.add(type as Type);
  }
  const roles = meta<string[]>(ROLES_KEY);
  const isPublic = meta<boolean>(PUBLIC_KEY) === true;
  const queryFrom = Reflect.getMetadata(QUERY_FROM, handler) as Type | undefined;
  if (queryFrom) {
    validated.add(queryFrom);
    declareQueryFrom(queryFrom, controller.prototype, key, descriptor);
  }

  const statuses = commonErrorStatuses({
    isPublic,
    roles,
    skipThrottle: meta<boolean>(THROTTLER_SKIP) === true,
    pathParams: namedPathParams.length + pathDtos.length,
    parsedPathParams: namedPathParams.filter(([, arg]) => (arg.pipes ?? []).length > 0).length,
    validatedPath: pathDtos.length > 0,
    hasBody: of(RouteParamtypes.BODY).length > 0,
    validatedQuery: queryDtos.length > 0,
  });
  // a query validated by the route itself is refused with 400 (REQUEST.INVALID_QUERY)
  if (queryFrom) statuses.push(400, 431);
  const declared: ResponseMeta = {
    ...(Reflect.getMetadata(API_RESPONSE, controller) as ResponseMeta),
    ...(Reflect.getMetadata(API_RESPONSE, handler) as ResponseMeta),
  };
  for (const [status, response] of Object.entries(declared)) {
    // a route's own 4xx with a description only: it is still the one error body
    if (Number(status) >= 400 && Number(status) < 500 && !response.type && !response.schema)
      response.content ??= ERROR_CONTENT;
  }
  // swagger adds the default success answer only to routes that declare no answer at all
  if (!Object.keys(declared).some((status) => status.startsWith('2') || status.startsWith('3'))) {
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
    const status =
      (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
      (method === RequestMethod.POST ? 201 : 200);
    ApiResponse({ status, description: '' })(controller.prototype, key, descriptor);
  }
  const missing = statuses.filter((status) => !(String(status) in declared));
  if (missing.length > 0) ApiErrors(...missing)(controller.prototype, key, descriptor);

  const documented = new Set(
    ((Reflect.getMetadata(API_PARAMETERS, handler) ?? []) as { name?: string }[]).map((p) => p.name),
  );
  for (const [, arg] of namedPathParams) {
    const name = arg.data as string;
    const schema = pathSchemaOf(arg.pipes ?? []);
    if (schema && !documented.has(name))
      ApiParam({ name, schema: { type: 'string', ...schema } })(controller.prototype, key, descriptor);
  }
  if (roles && !isPublic) ApiExtension('x-roles', roles)(controller.prototype, key, descriptor);
  if (isPublic) {
    const operation = (Reflect.getMetadata(API_OPERATION, handler) ?? {}) as Record<string, unknown>;
    Reflect.defineMetadata(API_OPERATION, { ...operation, security: [] }, handler);
  }
}

function pathSchemaOf(pipes: (PipeTransform | Type<PipeTransform>)[]): SchemaObject | undefined {
  for (const pipe of pipes) {
    if (pipe === ParseUUIDPipe || pipe instanceof ParseUUIDPipe) return { format: 'uuid' };
    const documentedPipe = (typeof pipe === 'function' ? pipe : pipe.constructor) as Partial<DocumentedPipe>;
    if (documentedPipe.openApiSchema) return documentedPipe.openApiSchema;
  }
  return undefined;
}

function isDto(type: unknown): boolean {
  return (
    typeof type === 'function' &&
    ![Object, String, Number, Boolean, Array].includes(type as ObjectConstructor)
  );
}

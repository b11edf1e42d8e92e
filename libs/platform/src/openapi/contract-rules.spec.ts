import type { OpenAPIObject } from '@nestjs/swagger';
import { ecmaPattern } from './ecma-pattern';
import { documentedMethods } from './method-not-allowed';
import { commonErrorStatuses } from './route-contract';

describe('ecmaPattern', () => {
  it('spells \\d and \\w as the ASCII classes JavaScript means, inside and outside a class', () => {
    expect(ecmaPattern('^\\d{1,15}$')).toBe('^[0-9]{1,15}$');
    expect(ecmaPattern('^[\\w.-]+$')).toBe('^[A-Za-z0-9_.-]+$');
    expect(ecmaPattern('^a\\.b\\\\d$')).toBe('^a\\.b\\\\d$');
  });
});

describe('commonErrorStatuses', () => {
  const route = {
    isPublic: false,
    skipThrottle: false,
    pathParams: 0,
    parsedPathParams: 0,
    validatedPath: false,
    hasBody: false,
    validatedQuery: false,
  };

  it('gives a token-guarded route with roles 401, 403 and 429', () => {
    expect(commonErrorStatuses({ ...route, roles: ['ops'] })).toEqual([401, 403, 429]);
  });

  it('gives a public, unthrottled route none', () => {
    expect(commonErrorStatuses({ ...route, isPublic: true, skipThrottle: true })).toEqual([]);
  });

  it('adds the body parser and validation answers to a route with a body, and 404/400 for a parsed id', () => {
    expect(commonErrorStatuses({ ...route, hasBody: true, pathParams: 1, parsedPathParams: 1 })).toEqual([
      400, 401, 404, 413, 415, 422, 429,
    ]);
  });

  it('adds 422 and 431 to a route with a validated query', () => {
    expect(commonErrorStatuses({ ...route, validatedQuery: true })).toEqual([401, 422, 429, 431]);
  });
});

describe('documentedMethods', () => {
  const document = {
    paths: {
      '/v1/shipments/{shipmentId}/timeline': { get: {} },
      '/v1/shipments/in-flight/summary': { get: {} },
      '/v1/holds/{id}/lift': { post: {} },
      '/v1/subscriptions/{id}': { get: {}, delete: {} },
    },
  } as unknown as OpenAPIObject;
  const methodsOf = documentedMethods(document);

  it('finds the methods of the paths a request path matches', () => {
    expect(methodsOf('/v1/subscriptions/abc')).toEqual(['GET', 'DELETE']);
    expect(methodsOf('/v1/holds/abc/lift/')).toEqual(['POST']);
    expect(methodsOf('/v1/shipments/in-flight/summary')).toEqual(['GET']);
  });

  it('knows nothing of undocumented paths, which stay the router’s 404', () => {
    expect(methodsOf('/v1/holds')).toBeUndefined();
    expect(methodsOf('/docs')).toBeUndefined();
  });
});

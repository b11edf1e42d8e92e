import type { OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The documented methods of each documented path, as a matcher on request paths. */
export function documentedMethods(document: OpenAPIObject): (path: string) => string[] | undefined {
  const routes = Object.entries(document.paths).map(([template, item]) => ({
    pattern: new RegExp(
      `^${template
        .split(/\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('[^/]+')}/?$`,
    ),
    methods: METHODS.filter((method) => method in item).map((method) => method.toUpperCase()),
  }));
  return (path) => {
    const matching = routes.filter((route) => route.pattern.test(path));
    if (matching.length === 0) return undefined;
    return [...new Set(matching.flatMap((route) => route.methods))];
  };
}

/**
 * A documented path asked with a method it does not have answers 405 with Allow (RFC 9110), and
 * OPTIONS answers 204 with Allow, instead of the router's 404: the document says what the path has.
 */
export function methodNotAllowed(document: OpenAPIObject) {
  const methodsOf = documentedMethods(document);
  return (request: Request, response: Response, next: NextFunction): void => {
    const methods = methodsOf(request.path);
    if (!methods) return next();
    if (methods.includes(request.method) || (request.method === 'HEAD' && methods.includes('GET')))
      return next();
    response.setHeader('Allow', methods.join(', '));
    if (request.method === 'OPTIONS') {
      response.status(204).end();
      return;
    }
    response.status(405).json({
      code: 'HTTP.METHOD_NOT_ALLOWED',
      message: `${request.method} is not a method of ${request.path}; it has ${methods.join(', ')}`,
      correlationId: String(response.getHeader('x-correlation-id') ?? ''),
    });
  };
}

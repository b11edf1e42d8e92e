import { json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { DomainError } from './domain-error';

/** How deep a JSON body may nest: far beyond any DTO of ours, far below what recursion can take. */
export const MAX_JSON_DEPTH = 64;

/** A refused body, as the error filter answers it. */
export interface BodyProblem {
  status: number;
  code: string;
  message: string;
}

/**
 * True when the value nests deeper than the limit (an object or array is one level). Walks with its
 * own stack, so a 20,000-deep body is measured without a recursion of 20,000 frames.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/**
 * The JSON body parser of every service: bodies up to the size limit, gzip/deflate/br accepted, UTF-8
 * only, nesting bounded before any pipe walks the body recursively. Each failure becomes a DomainError
 * here, with its status and code, so that Nest's own mapping of parser errors (a bare 400 for bad
 * JSON, a 500 for the rest) never sees it.
 */
export function jsonBody(options: { limit: string; maxDepth?: number }): RequestHandler {
  const parse = json({ limit: options.limit });
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  return (request: Request, response: Response, next: NextFunction): void => {
    void parse(request, response, (error?: unknown) => {
      const problem = error === undefined ? depthProblem(request.body, maxDepth) : bodyProblemOf(error);
      if (problem) next(new DomainError(problem.code, problem.message, problem.status));
      else next(error);
    });
  };
}

function depthProblem(body: unknown, maxDepth: number): BodyProblem | null {
  if (body === null || typeof body !== 'object' || !nestsDeeperThan(body, maxDepth)) return null;
  return {
    status: 400,
    code: 'REQUEST.TOO_DEEP',
    message: `request body nests deeper than ${maxDepth} levels`,
  };
}

/** The errors of body-parser (http-errors with a type), each with its stable code. */
const BY_TYPE: Record<string, (error: { message?: string }) => BodyProblem> = {
  'entity.parse.failed': (e) => ({
    status: 400,
    code: 'REQUEST.MALFORMED_JSON',
    message: `body is not valid JSON: ${e.message}`,
  }),
  'entity.too.large': () => ({ status: 413, code: 'REQUEST.TOO_LARGE', message: 'request body too large' }),
  'encoding.unsupported': () => ({
    status: 415,
    code: 'REQUEST.ENCODING_UNSUPPORTED',
    message: 'unsupported Content-Encoding: send identity, gzip, deflate or br',
  }),
  'charset.unsupported': () => ({
    status: 415,
    code: 'REQUEST.CHARSET_UNSUPPORTED',
    message: 'unsupported charset: JSON bodies are UTF-8',
  }),
  'request.aborted': () => ({ status: 400, code: 'REQUEST.ABORTED', message: 'request body was cut short' }),
  'request.size.invalid': () => ({
    status: 400,
    code: 'REQUEST.LENGTH_MISMATCH',
    message: 'request body length does not match Content-Length',
  }),
};

interface ParserError {
  type?: unknown;
  status?: unknown;
  expose?: unknown;
  message?: string;
}

/**
 * What a body-parser failure means to the caller, or null when the error is not one. A client error
 * without a known type (a corrupt gzip or deflate stream: the decoder's own error, status 400) is
 * still the caller's fault: 400, never a 5xx with a stack trace in the log.
 */
export function bodyProblemOf(exception: unknown): BodyProblem | null {
  if (exception === null || typeof exception !== 'object') return null;
  const error = exception as ParserError;
  const known = typeof error.type === 'string' ? BY_TYPE[error.type] : undefined;
  if (known) return known(error);
  if (
    error.expose === true &&
    typeof error.status === 'number' &&
    error.status >= 400 &&
    error.status < 500
  ) {
    return {
      status: 400,
      code: 'REQUEST.BODY_UNREADABLE',
      message: 'request body cannot be decoded (corrupt compressed data?)',
    };
  }
  return null;
}

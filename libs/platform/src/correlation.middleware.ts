import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Every request carries a correlation id (the caller's, if sane) that also ends up on the events it causes. */
export function correlationMiddleware(request: Request, response: Response, next: NextFunction): void {
  const given = request.header('x-correlation-id');
  const id = given && SAFE_ID.test(given) ? given : randomUUID();
  (request as Request & { correlationId: string }).correlationId = id;
  response.setHeader('x-correlation-id', id);
  next();
}

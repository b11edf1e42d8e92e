import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { bodyProblemOf } from './request-body';

/**
 * One error shape for every service: { code, message, errors?, correlationId }. 5xx answers carry an
 * error id that is in the log with the stack, never the stack itself.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const correlationId = String(response.getHeader('x-correlation-id') ?? '');
    const { status, body } = this.describe(exception);
    if (status >= 500) {
      const errorId = randomUUID();
      this.logger.error(`${errorId} ${request.method} ${request.url}`, (exception as Error)?.stack);
      response.status(status).json({ code: 'INTERNAL', message: 'internal error', errorId, correlationId });
      return;
    }
    response.status(status).json({ ...body, correlationId });
  }

  private describe(exception: unknown): { status: number; body: Record<string, unknown> } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      if (typeof raw === 'object' && raw !== null && 'code' in raw)
        return { status, body: raw as Record<string, unknown> };
      const message =
        typeof raw === 'string' ? raw : ((raw as { message?: unknown }).message ?? exception.message);
      return { status, body: { code: `HTTP.${HttpStatus[status] ?? status}`, message } };
    }
    const problem = bodyProblemOf(exception);
    if (problem) return { status: problem.status, body: { code: problem.code, message: problem.message } };
    return { status: 500, body: {} };
  }
}

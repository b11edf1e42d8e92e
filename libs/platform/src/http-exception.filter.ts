import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { FieldProblem } from '@tongguan/contracts';
import { DomainError } from './domain-error';
import { localizedMessage, localizedProblem } from './i18n/localize';
import { negotiateLocale, type Locale } from './i18n/locale';
import { bodyProblemOf } from './request-body';

/**
 * One error shape for every service: { code, message, errors?, correlationId }. 5xx answers carry an
 * error id that is in the log with the stack, never the stack itself. Messages are in the language the
 * request's Accept-Language prefers (en or zh-CN, said in Content-Language); codes never change.
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
    const locale = negotiateLocale(request.headers['accept-language']);
    response.setHeader('Content-Language', locale);
    response.vary('Accept-Language');
    if (status >= 500) {
      const errorId = randomUUID();
      this.logger.error(`${errorId} ${request.method} ${request.url}`, (exception as Error)?.stack);
      const message = localizedMessage('INTERNAL', locale, undefined);
      response.status(status).json({ code: 'INTERNAL', message, errorId, correlationId });
      return;
    }
    const params = exception instanceof DomainError ? exception.params : {};
    response.status(status).json({ ...localized(body, status, locale, params), correlationId });
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

function localized(
  body: Record<string, unknown>,
  status: number,
  locale: Locale,
  params: DomainError['params'],
): Record<string, unknown> {
  if (locale === 'en') return body; // the source language: as the thrower wrote it
  const code = String(body.code);
  const thrown = typeof body.message === 'string' ? body.message : undefined;
  const fallback = `HTTP.${HttpStatus[status] ?? status}`;
  const message = localizedMessage(code, locale, thrown, params, fallback);
  const errors = Array.isArray(body.errors)
    ? (body.errors as FieldProblem[]).map((problem) => localizedProblem(problem, locale))
    : undefined;
  return { ...body, message, ...(errors ? { errors } : {}) };
}

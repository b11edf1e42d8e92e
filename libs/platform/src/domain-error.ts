import { HttpException, HttpStatus } from '@nestjs/common';
import type { FieldProblem } from '@tongguan/contracts';
import type { MessageParams } from './i18n/interpolate';

/**
 * A refusal the caller can act on, with a stable code (e.g. GATE.NOT_RELEASED). `message` is the English
 * answer; other languages come from the catalogue (libs/platform/src/i18n) by code, filled with `params`.
 */
export class DomainError extends HttpException {
  constructor(
    code: string,
    message: string,
    status: HttpStatus = HttpStatus.CONFLICT,
    errors?: FieldProblem[],
    readonly params: MessageParams = {},
  ) {
    super({ code, message, ...(errors ? { errors } : {}) }, status);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super(`${what.toUpperCase()}.NOT_FOUND`, `${what} ${id} not found`, HttpStatus.NOT_FOUND, undefined, {
      id,
    });
  }
}

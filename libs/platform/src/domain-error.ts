import { HttpException, HttpStatus } from '@nestjs/common';
import type { FieldProblem } from '@tongguan/contracts';

/** A refusal the caller can act on, with a stable code (e.g. GATE.NOT_RELEASED). */
export class DomainError extends HttpException {
  constructor(
    code: string,
    message: string,
    status: HttpStatus = HttpStatus.CONFLICT,
    errors?: FieldProblem[],
  ) {
    super({ code, message, ...(errors ? { errors } : {}) }, status);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super(`${what.toUpperCase()}.NOT_FOUND`, `${what} ${id} not found`, HttpStatus.NOT_FOUND);
  }
}

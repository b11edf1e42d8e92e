import { HttpStatus } from '@nestjs/common';
import { flattenValidationErrors, type FieldProblem } from '@tongguan/contracts';
import { DomainError } from '@tongguan/platform';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';

/**
 * Validates a query string into its class and answers 400 with every problem at once: the field
 * checks, unknown parameters and the cross-field checks the caller adds (which skip values that did
 * not parse). Controllers take the raw
 * query (typed as a plain record, so the global body pipe leaves it alone) and call this.
 */
export function validQuery<T extends object>(
  type: ClassConstructor<T>,
  raw: Record<string, unknown>,
  crossChecks: (query: T) => FieldProblem[] = () => [],
): T {
  const query = plainToInstance(type, raw);
  const problems = flattenValidationErrors(
    validateSync(query, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false } }),
  );
  problems.push(...crossChecks(query));
  if (problems.length > 0) {
    throw new DomainError(
      'REQUEST.INVALID_QUERY',
      'the query has problems; every one is listed',
      HttpStatus.BAD_REQUEST,
      problems,
    );
  }
  return query;
}

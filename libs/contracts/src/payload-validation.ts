import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { EventDefinition } from './event-definition';

export interface FieldProblem {
  path: string;
  code: string;
  message: string;
}

/** Flattens class-validator's tree into one list: every problem with its dotted path. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      problems.push({ path, code: constraintCode(constraint), message });
    }
    if (error.children?.length) problems.push(...flattenValidationErrors(error.children, path));
  }
  return problems;
}

function constraintCode(constraint: string): string {
  if (constraint === 'whitelistValidation') return 'FIELD_NOT_ALLOWED';
  return constraint.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

export class PayloadValidationError extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: FieldProblem[],
  ) {
    super(`${eventType} payload invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

/** Validates a payload against its contract (unknown fields rejected) and returns the typed instance. */
export function validatePayload<P extends object>(definition: EventDefinition<P>, raw: unknown): P {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PayloadValidationError(definition.type, [
      { path: '', code: 'NOT_AN_OBJECT', message: 'payload must be a JSON object' },
    ]);
  }
  const instance = plainToInstance(definition.payload, raw);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new PayloadValidationError(definition.type, flattenValidationErrors(errors));
  return instance;
}

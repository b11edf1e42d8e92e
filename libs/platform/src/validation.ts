import { UnprocessableEntityException, ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors } from '@tongguan/contracts';

/**
 * Whitelisted input: unknown fields are errors, and every problem of a body is reported at once
 * (422 with { errors: [{ path, code, message }] }), never only the first.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new UnprocessableEntityException({
        code: 'REQUEST.INVALID',
        message: 'the request has deficiencies; every one is listed',
        errors: flattenValidationErrors(errors),
      }),
  });
}

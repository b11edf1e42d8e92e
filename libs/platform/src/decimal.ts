import { applyDecorators } from '@nestjs/common';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/** Decimal places of a finite number, also when JavaScript writes it with an exponent (5e-324). */
export function decimalPlacesOf(value: number): number {
  if (Number.isInteger(value)) return 0;
  const [mantissa, exponent = '0'] = value.toString().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/**
 * A finite number with at most `places` decimals (an amount, a weight). Instead of class-validator's
 * IsNumber({ maxDecimalPlaces }), which throws on a number written with an exponent and no point
 * (5e-324): a bad amount was a 500. Same constraint name (isNumber), so the error code stays IS_NUMBER.
 */
export function IsDecimal(places: number, options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    JSONSchema({ type: 'number' }),
    ValidateBy(
      {
        name: 'isNumber',
        constraints: [places],
        validator: {
          validate: (value: unknown) =>
            typeof value === 'number' && Number.isFinite(value) && decimalPlacesOf(value) <= places,
          // class-validator's own wording, which the error catalogue translates
          defaultMessage: (args) =>
            `${args?.property ?? 'the value'} must be a number conforming to the specified constraints`,
        },
      },
      options,
    ),
  );
}

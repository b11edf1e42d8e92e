import {
  BadRequestException,
  createParamDecorator,
  type ExecutionContext,
  type PipeTransform,
} from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { addToLogContext } from '@tongguan/logging';
import { ANY_CASE_BL_NUMBER } from './query-fields';

/** The request's correlation id (set by the correlation middleware), for the events it causes. */
export const CorrelationId = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined => {
    return context.switchToHttp().getRequest<{ correlationId?: string }>().correlationId;
  },
);

/** Path parameter that names a shipment (or its B/L): upper-cased, or 400 with a clear code. */
export class ShipmentIdPipe implements PipeTransform<string, string> {
  /** What it accepts, for the OpenAPI documents. */
  static readonly openApiSchema = { pattern: ANY_CASE_BL_NUMBER.source, example: 'COSU6182736450' };

  transform(value: string): string {
    // tested before upper-casing: toUpperCase turns some non-ASCII letters into ASCII ones (ß → SS)
    if (!ANY_CASE_BL_NUMBER.test(String(value ?? ''))) {
      throw new BadRequestException({
        code: 'SHIPMENT.ID_INVALID',
        message: 'a shipment id is a bill of lading number: 4-35 letters, digits or dashes',
      });
    }
    const id = String(value).toUpperCase();
    addToLogContext({ shipmentId: id }); // the request's log lines name the shipment it is about
    trace.getActiveSpan()?.setAttribute('tongguan.shipment_id', id); // and so does its span
    return id;
  }
}

import {
  BadRequestException,
  createParamDecorator,
  type ExecutionContext,
  type PipeTransform,
} from '@nestjs/common';
import { BL_NUMBER_PATTERN, normaliseBlNumber } from '@tongguan/contracts';
import { trace } from '@opentelemetry/api';
import { addToLogContext } from '@tongguan/logging';

/** The request's correlation id (set by the correlation middleware), for the events it causes. */
export const CorrelationId = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined => {
    return context.switchToHttp().getRequest<{ correlationId?: string }>().correlationId;
  },
);

/** Path parameter that names a shipment (or its B/L): normalised, or 400 with a clear code. */
export class ShipmentIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const id = normaliseBlNumber(String(value ?? ''));
    if (!BL_NUMBER_PATTERN.test(id)) {
      throw new BadRequestException({
        code: 'SHIPMENT.ID_INVALID',
        message: 'a shipment id is a bill of lading number: 4-35 letters, digits or dashes',
      });
    }
    addToLogContext({ shipmentId: id }); // the request's log lines name the shipment it is about
    trace.getActiveSpan()?.setAttribute('tongguan.shipment_id', id); // and so does its span
    return id;
  }
}

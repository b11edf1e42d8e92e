import { ApiProperty } from '@nestjs/swagger';
import type { LoggedEvent } from './logged-event.schema';

/** A platform event in CloudEvents 1.0 JSON structured mode, as webhooks and the pull feed carry it. */
export class StructuredCloudEvent {
  @ApiProperty({ example: '1.0' }) specversion: '1.0';
  @ApiProperty({ format: 'uuid', description: 'ce_id: deduplicate on it (delivery is at least once)' })
  id: string;
  @ApiProperty({ example: 'tongguan.port.CargoArrived.v1' }) type: string;
  @ApiProperty({ example: 'port-exchange' }) source: string;
  @ApiProperty({ format: 'date-time', description: 'business time of the event (RFC 3339)' }) time: string;
  @ApiProperty({ description: 'the shipmentId', example: 'COSU6182736450' }) subject: string;
  @ApiProperty({ example: 'application/json' }) datacontenttype: 'application/json';
  @ApiProperty() correlationid: string;
  @ApiProperty() causationid: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the payload of the event type' })
  data: Record<string, unknown>;
}

export function toStructuredCloudEvent(event: LoggedEvent): StructuredCloudEvent {
  return {
    specversion: '1.0',
    // a replay copy is the same event: receivers deduplicate on its ce_id
    id: event.replayOf ?? event._id,
    type: event.type,
    source: event.source,
    time: event.timeText,
    subject: event.subject,
    datacontenttype: 'application/json',
    correlationid: event.correlationId,
    causationid: event.causationId,
    data: event.data,
  };
}

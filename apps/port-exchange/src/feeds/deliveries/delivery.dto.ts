import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@tongguan/platform';
import { IsIn, IsOptional } from 'class-validator';
import { DELIVERY_FAILED } from './webhook-sender';
import { DELIVERY_STATES, type Delivery, type DeliveryState } from './delivery.schema';

export class ListDeliveriesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATES, description: 'dead = gave up after FEED_MAX_ATTEMPTS' })
  @IsOptional()
  @IsIn(DELIVERY_STATES)
  state?: DeliveryState;
}

export class DeliveryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) subscriptionId: string;
  @ApiProperty({ format: 'uuid', description: 'ce_id of the event' }) eventId: string;
  @ApiProperty() eventType: string;
  @ApiProperty() shipmentId: string;
  @ApiProperty({ description: 'the event’s cursor in the feed' }) cursor: string;
  @ApiProperty({ enum: DELIVERY_STATES }) state: DeliveryState;
  @ApiProperty() attempts: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) nextAttemptAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastAttemptAt: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'HTTP status of the last answer' })
  lastStatus: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: `"${DELIVERY_FAILED}" (the HTTP status, if one came back, is lastStatus), or why it was cancelled`,
  })
  lastError: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deliveredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class DeliveryPage {
  @ApiProperty({ type: [DeliveryView] }) items: DeliveryView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export function toDeliveryView(d: Delivery): DeliveryView {
  return {
    id: d._id,
    subscriptionId: d.subscriptionId,
    eventId: d.eventId,
    eventType: d.eventType,
    shipmentId: d.shipmentId,
    cursor: String(d.seq),
    state: d.state,
    attempts: d.attempts,
    nextAttemptAt: d.state === 'pending' ? d.nextAttemptAt.toISOString() : null,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    lastStatus: d.lastStatus,
    // records written before socket errors were kept from subscribers still hold them: never shown
    lastError: d.state === 'cancelled' || d.lastError === null ? d.lastError : DELIVERY_FAILED,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBlNumber } from '@tongguan/platform';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsOptional, IsRFC3339, Matches, Max, Min } from 'class-validator';
import { IsCatalogEventTypeList } from '../event-log/is-catalog-event-type';
import { StructuredCloudEvent } from '../event-log/structured-cloud-event';

export const CURSOR_PATTERN = /^\d{1,15}$/;

const commaSeparated = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
    : value;

/** What the pull feed and the event stream share: where to start and which events. */
export class FeedFilterQuery {
  @ApiPropertyOptional({
    description: 'only events after this cursor (a previous nextCursor or an SSE id)',
    example: '42',
  })
  @IsOptional()
  @Matches(CURSOR_PATTERN, { message: 'after must be a cursor: the digits of a previous nextCursor' })
  after?: string;

  @ApiPropertyOptional({
    description: 'replay from a point in time: only events whose business time (ce_time) is at or after it',
    example: '2026-11-29T08:00:00Z',
  })
  @IsOptional()
  @IsRFC3339({ message: 'since must be an RFC 3339 instant such as 2026-11-29T08:00:00Z' })
  since?: string;

  @ApiPropertyOptional({
    description: 'comma-separated event types (short names or CloudEvents types); all when absent',
    example: 'CargoArrived,ShipmentReleased',
  })
  @IsOptional()
  @Transform(commaSeparated)
  @ArrayMaxSize(100)
  @IsCatalogEventTypeList()
  types?: string[];

  @ApiPropertyOptional({ description: 'only this shipment', example: 'COSU6182736450' })
  @IsOptional()
  @IsBlNumber('shipmentId')
  shipmentId?: string;
}

export class FeedPageQuery extends FeedFilterQuery {
  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;
}

export class FeedItem {
  @ApiProperty({ example: '42', description: 'pass as after= to continue behind this event' }) cursor: string;
  @ApiProperty({ type: StructuredCloudEvent }) event: StructuredCloudEvent;
}

export class FeedPage {
  @ApiProperty({ type: [FeedItem] }) items: FeedItem[];
  @ApiProperty({
    example: '42',
    description: 'the cursor to ask after= next time (unchanged when there was nothing new)',
  })
  nextCursor: string;
  @ApiProperty({
    description:
      'true when there may be more now (a full page, or a narrow filter that read FEED_MAX_SCAN_PER_READ entries before the head): ask again at once with nextCursor',
  })
  hasMore: boolean;
}

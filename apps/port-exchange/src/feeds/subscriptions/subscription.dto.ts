import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MaxLength,
} from 'class-validator';
import { EVENT_TYPE_HINT } from '../event-log/event-types';
import { IsCatalogEventTypeList } from '../event-log/is-catalog-event-type';
import type { Subscription } from './subscription.schema';

export class CreateSubscriptionDto {
  @ApiProperty({ example: 'https://broker.example.com/hooks/tongguan', description: 'http or https' })
  @IsString()
  @MaxLength(2048)
  @IsUrl(
    {
      protocols: ['http', 'https'],
      require_protocol: true,
      require_tld: false,
      allow_underscores: true,
      disallow_auth: true, // credentials in a URL would be stored and shown back
    },
    { message: 'url must be an absolute http or https URL without credentials' },
  )
  url: string;

  @ApiProperty({
    example: ['CargoArrived', 'tongguan.declaration.ShipmentReleased.v1'],
    description: EVENT_TYPE_HINT,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsCatalogEventTypeList()
  eventTypes: string[];

  @ApiPropertyOptional({ example: 'release notices for our brokerage desk' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  description?: string;
}

export class SubscriptionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: [String], example: ['tongguan.port.CargoArrived.v1'] }) eventTypes: string[];
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deactivatedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) secretRotatedAt: string | null;
}

export class SubscriptionWithSecret extends SubscriptionView {
  @ApiProperty({
    example: 'whsec_3q2-7wEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    description: 'The signing secret, shown this once: keep it to verify the Tongguan-Signature header.',
  })
  secret: string;
}

export class SecretRotationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The new signing secret, shown this once.' }) secret: string;
  @ApiProperty({
    format: 'date-time',
    description: 'Until then deliveries carry a second v1 signature made with the previous secret.',
  })
  previousSecretValidUntil: string;
}

export function toSubscriptionView(s: Subscription): SubscriptionView {
  return {
    id: s._id,
    url: s.url,
    eventTypes: s.eventTypes,
    description: s.description,
    active: s.active,
    createdAt: s.createdAt.toISOString(),
    deactivatedAt: s.deactivatedAt?.toISOString() ?? null,
    secretRotatedAt: s.secretRotatedAt?.toISOString() ?? null,
  };
}

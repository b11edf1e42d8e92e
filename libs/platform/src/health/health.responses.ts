import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The OpenAPI shapes of the health answers (documented, not validated: the service writes them). */
export class DependencyCheck {
  @ApiProperty({ description: 'Whether it answered within the probe time' })
  up!: boolean;

  @ApiPropertyOptional({ description: 'Why not, when down' })
  error?: string;
}

export class KafkaCheck extends DependencyCheck {
  @ApiPropertyOptional({ description: 'Brokers in the cluster' })
  brokers?: number;
}

export class MongoCheck extends DependencyCheck {
  @ApiProperty({ description: "The service's database" })
  database!: string;
}

export class ConsumerCheck extends DependencyCheck {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Consumer group; null when the app consumes nothing',
  })
  group!: string | null;

  @ApiProperty({ description: 'Topics it subscribes to' })
  topics!: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'When it last joined its group' })
  joinedAt?: string;
}

export class LivenessAnswer {
  @ApiProperty({ enum: ['up'] })
  status!: 'up';

  @ApiProperty()
  service!: string;

  @ApiProperty({ description: 'Seconds since the process started' })
  uptimeSeconds!: number;
}

export class ReadinessAnswer {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiProperty()
  service!: string;

  @ApiProperty({ type: KafkaCheck })
  kafka!: KafkaCheck;

  @ApiProperty({ type: MongoCheck })
  mongo!: MongoCheck;

  @ApiProperty({ type: ConsumerCheck })
  consumer!: ConsumerCheck;
}

export class HealthAnswer {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiProperty()
  service!: string;

  @ApiProperty({ format: 'date-time', description: "The service's business clock" })
  businessTime!: string;

  @ApiProperty({ type: KafkaCheck })
  kafka!: KafkaCheck;

  @ApiProperty({ type: MongoCheck })
  mongo!: MongoCheck;
}

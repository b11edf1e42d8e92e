import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { ServiceConfig } from '@tongguan/config';
import { KafkaHealth } from '@tongguan/messaging';
import { MongoHealth } from '@tongguan/persistence';
import type { Response } from 'express';
import { collectDefaultMetrics, register } from 'prom-client';

collectDefaultMetrics();

@ApiTags('operations')
@Public()
@SkipThrottle() // probes and scrapers poll these all day; they must never see a 429
@Controller()
export class HealthController {
  constructor(
    private readonly config: ServiceConfig,
    private readonly clock: Clock,
    private readonly kafka: KafkaHealth,
    private readonly mongo: MongoHealth,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness plus Kafka and Mongo reachability; 503 when a dependency is down' })
  async health(@Res() response: Response): Promise<void> {
    const [kafka, mongo] = await Promise.all([this.kafka.check(), this.mongo.check()]);
    const up = kafka.up && mongo.up;
    response.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: up ? 'up' : 'down',
      service: this.config.serviceName,
      businessTime: this.clock.now().toISOString(),
      kafka,
      mongo,
    });
  }

  @Get('metrics')
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  async metrics(@Res() response: Response): Promise<void> {
    response.setHeader('content-type', register.contentType);
    response.send(await register.metrics());
  }
}

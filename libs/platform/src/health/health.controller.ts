import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { ServiceConfig } from '@tongguan/config';
import { ConsumerGroupState, KafkaHealth } from '@tongguan/messaging';
import { MongoHealth } from '@tongguan/persistence';
import type { Response } from 'express';
import { collectDefaultMetrics, register } from 'prom-client';
import { HealthAnswer, LivenessAnswer, ReadinessAnswer } from './health.responses';

collectDefaultMetrics();

/** `security: []` in the document: these answer without a token, unlike the rest of the API. */
const PUBLIC = { security: [] };

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
    private readonly consumer: ConsumerGroupState,
  ) {}

  /** Kept as it was for existing callers; orchestrators should probe /health/live and /health/ready. */
  @Get('health')
  @ApiOperation({
    summary: 'Kafka and Mongo reachability (use /health/live and /health/ready for probes)',
    ...PUBLIC,
  })
  @ApiOkResponse({ type: HealthAnswer, description: 'Kafka and Mongo answer' })
  @ApiServiceUnavailableResponse({ type: HealthAnswer, description: 'Kafka or Mongo does not answer' })
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

  /**
   * The process answers. No store or broker check on purpose: a restart cures neither outage, and
   * killing every pod during one would only add cold starts to it.
   */
  @Get('health/live')
  @ApiOperation({ summary: 'Liveness: the process answers (no dependency checked)', ...PUBLIC })
  @ApiOkResponse({ type: LivenessAnswer })
  live(): LivenessAnswer {
    return { status: 'up', service: this.config.serviceName, uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('health/ready')
  @ApiOperation({
    summary: 'Readiness: Mongo and Kafka answer and the consumer is in its group; 503 names what is not',
    ...PUBLIC,
  })
  @ApiOkResponse({ type: ReadinessAnswer, description: 'Ready to take traffic' })
  @ApiServiceUnavailableResponse({
    type: ReadinessAnswer,
    description: 'A dependency is down (its error says why)',
  })
  async ready(@Res() response: Response): Promise<void> {
    const [kafka, mongo] = await Promise.all([this.kafka.check(), this.mongo.check()]);
    const consumer = this.consumer.check();
    const up = kafka.up && mongo.up && consumer.up;
    const answer: ReadinessAnswer = {
      status: up ? 'up' : 'down',
      service: this.config.serviceName,
      kafka,
      mongo,
      consumer,
    };
    response.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(answer);
  }

  @Get('metrics')
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)', ...PUBLIC })
  @ApiOkResponse({
    description: 'Prometheus text exposition',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  async metrics(@Res() response: Response): Promise<void> {
    response.setHeader('content-type', register.contentType);
    response.send(await register.metrics());
  }
}

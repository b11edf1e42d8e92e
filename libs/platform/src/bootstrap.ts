import { type DynamicModule, type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import helmet from 'helmet';
import { loadServiceConfig, type ServiceConfig } from '@tongguan/config';
import { LOG_FORMATS, type LogFormat, routeProcessWarnings, StructuredLogger } from '@tongguan/logging';
import { connectEventConsumer } from '@tongguan/messaging';
import { correlationMiddleware } from './correlation.middleware';
import { HttpExceptionFilter } from './http-exception.filter';
import { httpMetricsMiddleware } from './http-metrics';
import { declareRouteContracts, methodNotAllowed } from './openapi';
import { jsonBody } from './request-body';
import { requestLogContextMiddleware, requestLogMiddleware } from './request-logging';
import { httpSpanContextMiddleware, httpSpanMiddleware, startTracing, tracingOn } from './tracing';
import { createValidationPipe } from './validation';

export interface ServiceDefinition {
  name: string;
  defaultPort: number;
  title: string;
  description: string;
  module: (config: ServiceConfig) => DynamicModule;
  /** Schemas the service publishes in its OpenAPI document beside those of its DTOs (code lists). */
  openApiSchemas?: Record<string, SchemaObject>;
}

/** Builds a service (HTTP + its Kafka consumer) without listening; tests and main.ts share it. */
export async function createService(
  definition: ServiceDefinition,
  env = process.env,
): Promise<{ app: INestApplication; config: ServiceConfig }> {
  const config = loadServiceConfig(definition.name, definition.defaultPort, env);
  const logger = new StructuredLogger({
    service: definition.name,
    format: config.logFormat,
    level: config.LOG_LEVEL,
  });
  const app = await NestFactory.create<NestExpressApplication>(definition.module(config), {
    logger,
    bodyParser: false,
  });
  app.disable('x-powered-by');
  // helmet's defaults suit the JSON API and Swagger UI at /docs (its scripts are files of its own, its
  // styles partly inline, which the default style-src allows); the dashboard sets a stricter CSP itself.
  // The services speak plain HTTP (TLS, where there is any, ends in front of them): a browser told to
  // upgrade the page's requests to https would load no Swagger UI from http://<host>:<port>/docs.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  // with tracing off no span middleware is installed at all
  if (tracingOn()) app.use(httpSpanMiddleware);
  app.use(correlationMiddleware, requestLogMiddleware(logger), httpMetricsMiddleware);
  // body errors (bad encoding, charset, JSON, depth) end in the exception filter as 4xx with a code
  app.use(jsonBody({ limit: '1mb' }), requestLogContextMiddleware);
  if (tracingOn()) app.use(httpSpanContextMiddleware);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();

  const validated = declareRouteContracts(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Tongguan ${definition.title}`)
      .setDescription(definition.description)
      .setVersion('1')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
  );
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...definition.openApiSchemas },
  };
  validated.closeSchemas(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  app.use(methodNotAllowed(document));

  await connectEventConsumer(app);
  return { app, config };
}

/** main.ts of every app: build, start consuming, listen. A bad setting stops the process with its name. */
export async function runService(definition: ServiceDefinition): Promise<void> {
  // until the settings are validated, a bad one is still reported in the format asked for
  Logger.overrideLogger(
    new StructuredLogger({ service: definition.name, format: formatBeforeConfig(), level: 'log' }),
  );
  // Node's warnings as the service's log lines (JSON when asked), through whichever logger is installed
  routeProcessWarnings(new Logger('process'));
  const logger = new Logger(definition.name);
  try {
    // before Nest builds anything, so the first request and the first event are traced
    startTracing(definition.name);
    const { app, config } = await createService(definition);
    await app.startAllMicroservices();
    await app.listen(config.PORT, process.env.HOST ?? '127.0.0.1');
    logger.log(
      `${definition.name} listening on :${config.PORT} (db ${config.mongoDbName}, topics prefix "${config.TOPIC_PREFIX}")`,
    );
  } catch (error) {
    logger.error((error as Error).message);
    process.exit(1);
  }
}

function formatBeforeConfig(env = process.env): LogFormat {
  const asked = LOG_FORMATS.find((format) => format === env.LOG_FORMAT);
  return asked ?? (env.NODE_ENV === 'production' ? 'json' : 'text');
}

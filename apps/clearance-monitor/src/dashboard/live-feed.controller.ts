import {
  type BeforeApplicationShutdown,
  Controller,
  Get,
  HttpStatus,
  Inject,
  Logger,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Public, type TokenSettings } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { DomainError } from '@tongguan/platform';
import type { Request, Response } from 'express';
import { LiveFeed, type LiveMessage } from './live-feed';
import { bearerOf, verifyLiveReader } from './live-token';
import { LiveQuery } from './live.query';

export const LIVE_TOKEN_SETTINGS = Symbol('LIVE_TOKEN_SETTINGS');
export const HEARTBEAT_MS = 15_000;
/** Open streams one instance serves at most; each is a socket held open all day. */
export const MAX_STREAMS = 200;
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Server-Sent Events for the dashboard: an `update` event (at most two a second) whenever timelines
 * change or alerts fire, and a comment every 15 s so proxies keep the connection open.
 */
@ApiTags('dashboard')
@Controller('v1/live')
export class LiveFeedController implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveFeedController.name);
  /** Open responses: ended at shutdown, else the HTTP server would wait for them forever. */
  private readonly open = new Set<Response>();

  constructor(
    private readonly feed: LiveFeed,
    private readonly clock: Clock,
    @Inject(LIVE_TOKEN_SETTINGS) private readonly tokenSettings: TokenSettings,
  ) {}

  @Get()
  @Public() // checked below: the token comes as a query parameter
  @ApiOperation({
    summary:
      'Live feed (text/event-stream, role ops): `hello` on connect, `update` { timelines, shipmentIds, alerts, more, now } when the monitor changes',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'An open event stream',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiUnauthorizedResponse({ description: 'No token, or one that does not verify' })
  @ApiForbiddenResponse({ description: 'A token of another role than ops' })
  @ApiUnprocessableEntityResponse({ description: 'Unknown query parameters or an oversized token' })
  @ApiServiceUnavailableResponse({ description: 'This instance already serves its maximum of streams' })
  stream(@Query() query: LiveQuery, @Req() request: Request, @Res() response: Response): void {
    const token = bearerOf(query.token, request.headers.authorization);
    // Nothing below may write the token to a log: an error logger prints the request URL.
    request.url = request.url.replace(/([?&]token=)[^&]*/, '$1redacted');
    const { expiresAtMs } = verifyLiveReader(token, this.tokenSettings);
    if (this.open.size >= MAX_STREAMS) {
      throw new DomainError(
        'LIVE.TOO_MANY_STREAMS',
        `this instance already serves ${MAX_STREAMS} live streams`,
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    this.serve(request, response, expiresAtMs);
  }

  beforeApplicationShutdown(): void {
    for (const response of this.open) response.end();
  }

  private serve(request: Request, response: Response, expiresAtMs: number): void {
    this.open.add(response);
    response.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.flushHeaders();
    // no event ids: a reconnecting page reloads everything on `hello` rather than resuming
    const send = (event: string, data: object) => {
      response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    response.write('retry: 3000\n\n');
    send('hello', { now: this.clock.now().toISOString(), clockSpeed: this.clock.speed });
    const subscription = this.feed.messages.subscribe((message: LiveMessage) =>
      send('update', { ...message, now: this.clock.now().toISOString() }),
    );
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
    // the stream must not outlive the token that opened it (the page then asks for a new one). Expiry is
    // real time, as jsonwebtoken checks it; every token has one, at most JWT_MAX_LIFETIME (≤ 30 days)
    // away, and a timer past setTimeout's 24.8-day limit would fire at once, hence the cap.
    const expiry = setTimeout(
      () => response.end(),
      Math.min(MAX_TIMER_MS, Math.max(0, expiresAtMs - Date.now())),
    );
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      this.open.delete(response);
      subscription.unsubscribe();
      clearInterval(heartbeat);
      clearTimeout(expiry);
    };
    request.on('close', close);
    response.on('close', close);
    response.on('error', (error) => {
      this.logger.debug(`live stream closed: ${error.message}`);
      close();
    });
  }
}

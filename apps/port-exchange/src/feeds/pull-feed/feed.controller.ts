import { Controller, Get, Headers, HttpStatus, Query, Res } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import {
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { DomainError, ecmaPattern } from '@tongguan/platform';
import type { Response } from 'express';
import { FEED_ROLES } from '../feed-roles';
import { CURSOR_PATTERN, FeedFilterQuery, FeedPage, FeedPageQuery } from './feed-query.dto';
import { EventStream } from './event-stream';
import { FeedReader } from './feed-reader';

@ApiTags('agency feeds')
@Controller('v1/feed')
@Roles(...FEED_ROLES)
export class FeedController {
  constructor(
    private readonly reader: FeedReader,
    private readonly stream: EventStream,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Pull the platform’s events in log order, a page at a time (cursor pagination)',
    description:
      'Start without after= (or with since= to replay from a point in business time), then pass each ' +
      'answer’s nextCursor as after=. Every event appears once in the log, in the same order for everyone.',
  })
  @ApiOkResponse({ type: FeedPage })
  @ApiForbiddenResponse({ description: 'FEED.TYPE_NOT_IN_SCOPE: a type the role does not receive' })
  page(@Query() query: FeedPageQuery, @CurrentPrincipal() principal: Principal): Promise<FeedPage> {
    return this.reader.page(principal, query);
  }

  @Get('stream')
  @ApiOperation({
    summary: 'The same events as Server-Sent Events; id: is the cursor, so Last-Event-ID resumes',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'resume after this cursor (wins over after=)',
    schema: { type: 'string', pattern: ecmaPattern(CURSOR_PATTERN.source) },
  })
  @ApiOkResponse({
    description:
      'text/event-stream: `id: <cursor>`, `event: <ce type>`, `data: <CloudEvent JSON>`; ends when the token expires',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiTooManyRequestsResponse({
    description:
      'FEED.TOO_MANY_STREAMS: the party has FEED_MAX_STREAMS_PER_PARTY streams open; see Retry-After',
  })
  async streamEvents(
    @Query() query: FeedFilterQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res() response: Response,
  ): Promise<void> {
    if (lastEventId !== undefined && !CURSOR_PATTERN.test(lastEventId.trim())) {
      throw new DomainError(
        'REQUEST.INVALID',
        'the request has deficiencies; every one is listed',
        HttpStatus.UNPROCESSABLE_ENTITY,
        [
          {
            path: 'Last-Event-ID',
            code: 'MATCHES',
            message: 'Last-Event-ID must be a cursor (digits) from a previous id:',
          },
        ],
      );
    }
    const after = Number(lastEventId?.trim() || query.after || 0);
    await this.stream.serve(principal, query, after, response, expiryOf(authorization));
  }
}

/** When the bearer token (already verified by the guard) expires, in ms since the epoch; null: never. */
function expiryOf(authorization: string | undefined): number | null {
  const token = authorization?.split(' ')[1] ?? '';
  const exp = (jwt.decode(token) as jwt.JwtPayload | null)?.exp;
  return typeof exp === 'number' ? exp * 1000 : null;
}

import { Controller, Get, Headers, HttpStatus, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tongguan/auth';
import { DomainError } from '@tongguan/platform';
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
  page(@Query() query: FeedPageQuery): Promise<FeedPage> {
    return this.reader.page(query);
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
  })
  @ApiOkResponse({
    description: 'text/event-stream: `id: <cursor>`, `event: <ce type>`, `data: <CloudEvent JSON>`',
  })
  async streamEvents(
    @Query() query: FeedFilterQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
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
    await this.stream.serve(query, after, response);
  }
}

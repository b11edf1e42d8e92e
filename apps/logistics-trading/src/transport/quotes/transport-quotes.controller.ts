import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { SubmitQuoteDto, TransportQuoteList, TransportQuoteView } from './transport-quote.dto';
import { TransportQuotesService } from './transport-quotes.service';

@ApiTags('transport')
@Controller('v1/transport-orders/:id/quotes')
export class TransportQuotesController {
  constructor(private readonly quotes: TransportQuotesService) {}

  @Post()
  @Roles('carrier')
  @ApiOperation({
    summary: 'A carrier quotes on an open order: price, truck and the terminal hour it will come',
  })
  @ApiCreatedResponse({ type: TransportQuoteView })
  @ApiConflictResponse({ description: 'TRANSPORT.ORDER_NOT_OPEN' })
  @ApiUnprocessableEntityResponse({
    description:
      'TRANSPORT.PICKUP_HOUR_INVALID listing TERMINAL_CLOSED, PICKUP_HOUR_PASSED, BEFORE_EARLIEST_PICKUP, TOO_FAR_AHEAD',
  })
  @ApiNotFoundResponse({ description: 'TRANSPORT.ORDER_NOT_FOUND' })
  submit(
    @Param('id', new ParseUUIDPipe()) orderId: string,
    @Body() dto: SubmitQuoteDto,
    @CurrentPrincipal() carrier: Principal,
  ): Promise<TransportQuoteView> {
    return this.quotes.submit(orderId, dto, carrier);
  }

  @Get()
  @Roles('importer', 'carrier', 'ops')
  @ApiOperation({
    summary: "The quotes on an order: all of them for its importer, a carrier's own for a carrier",
  })
  @ApiOkResponse({ type: TransportQuoteList })
  async list(
    @Param('id', new ParseUUIDPipe()) orderId: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<TransportQuoteList> {
    return { items: await this.quotes.list(orderId, caller) };
  }
}

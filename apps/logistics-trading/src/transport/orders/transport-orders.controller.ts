import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiBusinessRules } from '@tongguan/platform';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import {
  CreateTransportOrderDto,
  ListTransportOrdersQuery,
  TransportOrderPage,
  TransportOrderView,
} from './transport-order.dto';
import { TransportOrdersService } from './transport-orders.service';

@ApiTags('transport')
@Controller('v1/transport-orders')
export class TransportOrdersController {
  constructor(private readonly orders: TransportOrdersService) {}

  @Post()
  @Roles('importer')
  @ApiOperation({ summary: 'Order transport of released cargo from a terminal; carriers then quote on it' })
  @ApiCreatedResponse({ type: TransportOrderView })
  @ApiConflictResponse({
    description: 'TRANSPORT.NOT_RELEASED (not released to this importer) or TRANSPORT.ORDER_EXISTS',
  })
  @ApiUnprocessableEntityResponse({ description: 'invalid body or TRANSPORT.TERMINAL_UNKNOWN' })
  @ApiBusinessRules('terminal must be a terminal of the pickup-slot file (TRANSPORT.TERMINAL_UNKNOWN)')
  create(
    @Body() dto: CreateTransportOrderDto,
    @CurrentPrincipal() importer: Principal,
  ): Promise<TransportOrderView> {
    return this.orders.create(dto, importer);
  }

  @Get()
  @Roles('importer', 'carrier', 'ops')
  @ApiOperation({
    summary:
      "Transport orders, newest first: an importer's own; for a carrier the open ones and those booked with it",
  })
  @ApiOkResponse({ type: TransportOrderPage })
  list(
    @Query() query: ListTransportOrdersQuery,
    @CurrentPrincipal() caller: Principal,
  ): Promise<TransportOrderPage> {
    return this.orders.list(query, caller);
  }

  @Get(':id')
  @Roles('importer', 'carrier', 'ops')
  @ApiOperation({ summary: 'One transport order (404 when the caller may not see it)' })
  @ApiOkResponse({ type: TransportOrderView })
  @ApiNotFoundResponse({ description: 'TRANSPORT.ORDER_NOT_FOUND' })
  get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<TransportOrderView> {
    return this.orders.get(id, caller);
  }
}

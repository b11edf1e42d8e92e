import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { CorrelationId } from '@tongguan/platform';
import { CancelBookingDto, PickupBookingView } from './pickup-booking.dto';
import { PickupBookingsService } from './pickup-bookings.service';

@ApiTags('transport')
@Controller('v1')
export class PickupBookingsController {
  constructor(private readonly bookings: PickupBookingsService) {}

  @Post('transport-orders/:id/quotes/:quoteId/acceptance')
  @Roles('importer')
  @ApiOperation({
    summary:
      'Accept a quote: reserves the terminal pickup hour, books the order, declines the other quotes, emits PickupBooked',
  })
  @ApiCreatedResponse({ type: PickupBookingView })
  @ApiConflictResponse({
    description:
      'SLOT_FULL (the hour is at capacity, nothing booked), TRANSPORT.ORDER_NOT_OPEN, TRANSPORT.QUOTE_NOT_OPEN, TRANSPORT.PICKUP_HOUR_PASSED',
  })
  @ApiNotFoundResponse({ description: 'TRANSPORT.ORDER_NOT_FOUND, TRANSPORT.QUOTE_NOT_FOUND' })
  accept(
    @Param('id', new ParseUUIDPipe()) orderId: string,
    @Param('quoteId', new ParseUUIDPipe()) quoteId: string,
    @CurrentPrincipal() importer: Principal,
    @CorrelationId() correlationId?: string,
  ): Promise<PickupBookingView> {
    return this.bookings.accept(orderId, quoteId, importer, correlationId);
  }

  @Get('bookings/:id')
  @Roles('importer', 'carrier', 'port', 'ops')
  @ApiOperation({ summary: "A pickup booking (404 for another importer's or carrier's)" })
  @ApiOkResponse({ type: PickupBookingView })
  @ApiNotFoundResponse({ description: 'TRANSPORT.BOOKING_NOT_FOUND' })
  get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<PickupBookingView> {
    return this.bookings.get(id, caller);
  }

  @Post('bookings/:id/cancellation')
  @HttpCode(200)
  @Roles('importer', 'carrier')
  @ApiOperation({
    summary:
      'Cancel a booking (its importer or its carrier): frees the pickup place once, ends the order, emits PickupCancelled; repeating it changes nothing',
  })
  @ApiOkResponse({ type: PickupBookingView })
  @ApiNotFoundResponse({ description: 'TRANSPORT.BOOKING_NOT_FOUND' })
  cancel(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CancelBookingDto,
    @CurrentPrincipal() caller: Principal,
    @CorrelationId() correlationId?: string,
  ): Promise<PickupBookingView> {
    return this.bookings.cancel(id, dto.reason, caller, correlationId);
  }
}

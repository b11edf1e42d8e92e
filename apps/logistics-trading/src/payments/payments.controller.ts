import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
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
import { PaymentSettlementsService } from './payment-settlements.service';
import { ListPaymentsQuery, PaymentPage, PaymentReceipt, PaymentView, SettlePaymentDto } from './payment.dto';
import { PaymentsService } from './payments.service';

@ApiTags('payments')
@Controller('v1/payments')
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly settlements: PaymentSettlementsService,
  ) {}

  @Get()
  @Roles('importer', 'customs', 'ops')
  @ApiOperation({ summary: 'Payment requests, newest first; an importer sees only its own' })
  @ApiOkResponse({ type: PaymentPage })
  list(@Query() query: ListPaymentsQuery, @CurrentPrincipal() caller: Principal): Promise<PaymentPage> {
    return this.payments.list(query, caller);
  }

  @Get(':id')
  @Roles('importer', 'customs', 'ops')
  @ApiOperation({ summary: "One payment request with its lines (404 for another importer's)" })
  @ApiOkResponse({ type: PaymentView })
  @ApiNotFoundResponse({ description: 'PAYMENT.NOT_FOUND' })
  get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<PaymentView> {
    return this.payments.get(id, caller);
  }

  @Post(':id/settlements')
  @Roles('importer')
  @ApiOperation({
    summary:
      'Settle duties and port fees at once: emits PaymentSettled [T5]; a retry with the same key returns the same receipt',
  })
  @ApiCreatedResponse({ type: PaymentReceipt })
  @ApiConflictResponse({ description: 'PAYMENT.ALREADY_SETTLED (settled under another idempotency key)' })
  settle(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: SettlePaymentDto,
    @CurrentPrincipal() caller: Principal,
    @CorrelationId() correlationId?: string,
  ): Promise<PaymentReceipt> {
    return this.settlements.settle(id, dto.idempotencyKey, caller, correlationId);
  }
}

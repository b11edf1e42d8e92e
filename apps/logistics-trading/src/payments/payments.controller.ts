import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPaymentRequiredResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
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
  @Roles('importer', 'exporter', 'customs', 'ops')
  @ApiOperation({
    summary: 'Payment requests, newest first; an importer sees only its own',
    description: 'Unsettled payments are quoted as of now on the business clock: storage grows daily.',
  })
  @ApiOkResponse({ type: PaymentPage })
  list(@Query() query: ListPaymentsQuery, @CurrentPrincipal() caller: Principal): Promise<PaymentPage> {
    return this.payments.list(query, caller);
  }

  @Get(':id')
  @Roles('importer', 'exporter', 'customs', 'ops')
  @ApiOperation({
    summary: "One payment request with its lines as of now (404 for another importer's)",
    description:
      'Duty, VAT and other taxes as assessed; port fees per B/L; storage per day after the free period, counted ' +
      'from the discharge (CargoArrived) to today in port local time. Absent storage means the cargo is not ' +
      'discharged yet. A settled payment shows the figures it was settled at.',
  })
  @ApiOkResponse({ type: PaymentView })
  @ApiNotFoundResponse({ description: 'PAYMENT.NOT_FOUND' })
  get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<PaymentView> {
    return this.payments.get(id, caller);
  }

  @Get(':id/receipt')
  @Roles('importer', 'exporter', 'customs', 'ops')
  @ApiOperation({
    summary: "The receipt of a settled payment (404 for another importer's, or before settlement)",
  })
  @ApiOkResponse({ type: PaymentReceipt })
  @ApiNotFoundResponse({
    description: 'PAYMENT.NOT_FOUND, or RECEIPT.NOT_FOUND while the payment is not settled',
  })
  receipt(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<PaymentReceipt> {
    return this.settlements.receipt(id, caller);
  }

  @Post(':id/settlements')
  @Roles('importer', 'exporter')
  @ApiOperation({
    summary:
      'Settle duties and port fees at once: emits PaymentSettled [T5] and answers the receipt; a retry with the same key answers the same receipt',
    description:
      'The amount is the payment as of the business instant the settlement starts (storage included). ' +
      "method 'gateway' charges the payment gateway; method 'guarantee' draws on the AEO trader's bank guarantee " +
      '(registry GUARANTEES_FILE), atomically within its remaining limit, and lets customs release before the ' +
      'money moves. The same idempotency key, even in concurrent requests, charges or draws once.',
  })
  @ApiCreatedResponse({ type: PaymentReceipt })
  @ApiPaymentRequiredResponse({
    description: 'PAYMENT.CHARGE_REFUSED (the gateway refused; nothing was charged)',
  })
  @ApiNotFoundResponse({ description: 'PAYMENT.NOT_FOUND' })
  @ApiConflictResponse({
    description:
      'PAYMENT.ALREADY_SETTLED (under another key), PAYMENT.SETTLEMENT_IN_PROGRESS (under another key), ' +
      'PAYMENT.CANCELLED (declaration withdrawn), GUARANTEE.LIMIT_EXCEEDED (remaining limit below the amount)',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'REQUEST.INVALID (body), GUARANTEE.NOT_AEO (no AEO guarantee registered for the trader), GUARANTEE.EXPIRED, ' +
      'GUARANTEE.CURRENCY_MISMATCH, PAYMENT.IDEMPOTENCY_KEY_REUSED (same key, other method)',
  })
  settle(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: SettlePaymentDto,
    @CurrentPrincipal() caller: Principal,
    @CorrelationId() correlationId?: string,
  ): Promise<PaymentReceipt> {
    return this.settlements.settle(id, dto, caller, correlationId);
  }
}

import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { FEED_ROLES } from '../feed-roles';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import { DeliveriesService } from './deliveries.service';
import { DeliveryPage, DeliveryView, ListDeliveriesQuery } from './delivery.dto';
import { DeliveryDispatcher } from './delivery-dispatcher';

@ApiTags('agency feeds')
@Controller('v1/subscriptions/:id/deliveries')
@Roles(...FEED_ROLES)
export class DeliveriesController {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly deliveries: DeliveriesService,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  @Get()
  @ApiOperation({
    summary: "A subscription's deliveries, newest event first; state=dead lists the dead-lettered ones",
  })
  @ApiOkResponse({ type: DeliveryPage })
  @ApiNotFoundResponse({ description: 'SUBSCRIPTION.NOT_FOUND' })
  async list(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: ListDeliveriesQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeliveryPage> {
    await this.subscriptions.owned(id, principal);
    return this.deliveries.list(id, query);
  }

  @Post(':deliveryId/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-drive a dead delivery: a fresh round of attempts starts now' })
  @ApiOkResponse({ type: DeliveryView })
  @ApiNotFoundResponse({ description: 'SUBSCRIPTION.NOT_FOUND or DELIVERY.NOT_FOUND' })
  @ApiConflictResponse({ description: 'DELIVERY.NOT_DEAD, SUBSCRIPTION.INACTIVE' })
  async retry(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('deliveryId', new ParseUUIDPipe()) deliveryId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeliveryView> {
    await this.subscriptions.ownedActive(id, principal);
    const view = await this.deliveries.retry(id, deliveryId, new Date());
    this.dispatcher.wake();
    return view;
  }
}

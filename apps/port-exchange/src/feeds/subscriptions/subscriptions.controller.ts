import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiBusinessRules } from '@tongguan/platform';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { FEED_ROLES } from '../feed-roles';
import {
  CreateSubscriptionDto,
  SecretRotationView,
  SubscriptionView,
  SubscriptionWithSecret,
} from './subscription.dto';
import { SubscriptionsService } from './subscriptions.service';

@ApiTags('agency feeds')
@Controller('v1/subscriptions')
@Roles(...FEED_ROLES)
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post()
  @ApiOperation({
    summary: 'Subscribe a webhook to event types; the signing secret is in this answer only',
    description:
      'Every event of the listed types logged from now on is POSTed to the URL as a CloudEvent (JSON ' +
      'structured mode) with a Tongguan-Signature header, at least once; deduplicate on ce-id. ' +
      'The subscription belongs to the party of the token.',
  })
  @ApiCreatedResponse({ type: SubscriptionWithSecret })
  @ApiUnprocessableEntityResponse({
    description:
      'every problem of the body, as { errors: [...] }; SUBSCRIPTION.URL_NOT_ALLOWED when the URL resolves to a loopback, private, link-local or other internal address',
  })
  @ApiForbiddenResponse({ description: 'FEED.TYPE_NOT_IN_SCOPE: an event type the role does not receive' })
  @ApiConflictResponse({ description: 'SUBSCRIPTION.LIMIT_REACHED' })
  @ApiBusinessRules('url must resolve to a public internet address (SUBSCRIPTION.URL_NOT_ALLOWED)')
  create(
    @Body() dto: CreateSubscriptionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SubscriptionWithSecret> {
    return this.subscriptions.create(dto, principal);
  }

  @Get()
  @ApiOperation({ summary: "The caller's party's subscriptions, newest first (secrets are never listed)" })
  @ApiOkResponse({ type: [SubscriptionView] })
  list(@CurrentPrincipal() principal: Principal): Promise<SubscriptionView[]> {
    return this.subscriptions.list(principal);
  }

  @Get(':id')
  @ApiOkResponse({ type: SubscriptionView })
  @ApiNotFoundResponse({ description: 'SUBSCRIPTION.NOT_FOUND (also for another party’s subscription)' })
  get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SubscriptionView> {
    return this.subscriptions.get(id, principal);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Deactivate: no further deliveries; the delivery history stays readable' })
  @ApiOkResponse({ type: SubscriptionView })
  @ApiNotFoundResponse({ description: 'SUBSCRIPTION.NOT_FOUND' })
  deactivate(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SubscriptionView> {
    return this.subscriptions.deactivate(id, principal);
  }

  @Post(':id/secret-rotation')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Issue a new signing secret (shown once); the previous one keeps signing for a grace period',
  })
  @ApiCreatedResponse({ type: SecretRotationView })
  @ApiNotFoundResponse({ description: 'SUBSCRIPTION.NOT_FOUND' })
  @ApiConflictResponse({ description: 'SUBSCRIPTION.INACTIVE' })
  rotateSecret(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SecretRotationView> {
    return this.subscriptions.rotateSecret(id, principal);
  }
}

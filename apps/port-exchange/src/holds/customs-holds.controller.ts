import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
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
import {
  CustomsHoldPage,
  CustomsHoldView,
  LiftHoldDto,
  ListHoldsQuery,
  PlaceHoldDto,
} from './customs-hold.dto';
import { CustomsHoldsService } from './customs-holds.service';

@ApiTags('holds')
@Controller('v1/holds')
export class CustomsHoldsController {
  constructor(private readonly holds: CustomsHoldsService) {}

  @Post()
  @Roles('customs')
  @ApiOperation({
    summary: 'Hold cargo at the terminal: the gate stays shut until lifted; emits CustomsHoldPlaced',
  })
  @ApiCreatedResponse({ type: CustomsHoldView })
  place(
    @Body() dto: PlaceHoldDto,
    @CurrentPrincipal() officer: Principal,
    @CorrelationId() correlationId?: string,
  ): Promise<CustomsHoldView> {
    return this.holds.place(dto, officer, correlationId);
  }

  @Post(':id/lift')
  @HttpCode(200)
  @Roles('customs')
  @ApiOperation({ summary: 'Lift an active hold, with the reason; emits CustomsHoldLifted' })
  @ApiOkResponse({ type: CustomsHoldView })
  @ApiConflictResponse({ description: 'HOLD.NOT_ACTIVE (lifted already)' })
  @ApiNotFoundResponse({ description: 'HOLD.NOT_FOUND' })
  lift(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: LiftHoldDto,
    @CurrentPrincipal() officer: Principal,
    @CorrelationId() correlationId?: string,
  ): Promise<CustomsHoldView> {
    return this.holds.lift(id, dto.reason, officer, correlationId);
  }

  @Get()
  @Roles('customs', 'port', 'ops')
  @ApiOperation({
    summary:
      'Customs holds, newest first, optionally of one B/L and of one status, each with its reviewDueAt; ?overdue=true lists the active ones past it',
  })
  @ApiOkResponse({ type: CustomsHoldPage })
  list(@Query() query: ListHoldsQuery): Promise<CustomsHoldPage> {
    return this.holds.list(query);
  }
}

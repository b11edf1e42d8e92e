import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBusinessRules } from '@tongguan/platform';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { ApprovalDeskService } from './approval-desk.service';
import {
  ApprovalDecisionDto,
  ApprovalTaskPage,
  ApprovalTaskView,
  ListApprovalsQuery,
} from './approval-task.dto';

/** Roles of the agencies' officers (customs, inspection, and 'agency' with party = the agency id). */
const OFFICERS = ['customs', 'inspection', 'agency'] as const;

@ApiTags('approvals')
@Controller('v1/approvals')
export class ApprovalsHttpController {
  constructor(private readonly desk: ApprovalDeskService) {}

  @Get()
  @Roles(...OFFICERS, 'supervisor', 'ops')
  @ApiOperation({
    summary: "An agency's approval queue: green channel first, then the soonest limit",
    description:
      "Officers see their agencies' tasks, a supervisor its agency's, ops every agency's. " +
      '422 APPROVAL.UNKNOWN_AGENCY for an agency the registry lacks.',
  })
  @ApiOkResponse({ type: ApprovalTaskPage })
  @ApiBusinessRules('agency must be an agency of the registry (APPROVAL.UNKNOWN_AGENCY)')
  list(
    @Query() query: ListApprovalsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApprovalTaskPage> {
    return this.desk.list(principal, query);
  }

  @Get(':id')
  @Roles(...OFFICERS, 'supervisor', 'ops')
  @ApiOkResponse({ type: ApprovalTaskView })
  get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApprovalTaskView> {
    return this.desk.get(principal, id);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles(...OFFICERS)
  @ApiOperation({
    summary: 'An agency officer approves or refuses the step: emits AgencyDecisionRecorded once',
    description:
      "404 APPROVAL.NOT_FOUND for another agency's task; 409 APPROVAL.ALREADY_DECIDED or APPROVAL.CLOSED; " +
      '409 APPROVAL.DEADLINE_PASSED when the limit of a step with tacit approval passed (deemed approved). ' +
      'A step without tacit approval stays decidable when overdue (withinLimit false).',
  })
  @ApiOkResponse({ type: ApprovalTaskView })
  @ApiBusinessRules('reasons are required, and not empty, when the outcome is refused')
  decide(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ApprovalDecisionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApprovalTaskView> {
    return this.desk.decide(principal, id, dto);
  }
}

import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBusinessRules, ApiErrors, ApiQueryFrom } from '@tongguan/platform';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { validQuery } from '../common/query-validation';
import {
  AnswerComplaintDto,
  FileComplaintDto,
  ListComplaintsQuery,
  ReopenComplaintDto,
} from './complaint.dto';
import { ComplaintsService } from './complaints.service';

const COMPLAINT =
  '{ id, shipmentId, importerId, agency, step, subject, text, status (filed|taken|answered), escalated, ' +
  'filedAt, limitHours, dueAt, ownerId, takenAt, answer, answeredAt, escalatedAt, reopenedAt, ' +
  'history: [{ move, at, by, role, why }] }';

@ApiTags('complaints')
@Controller('v1/complaints')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Post()
  @Roles('importer')
  @ApiOperation({
    summary:
      "Complain about one of your shipments, an agency or one of its steps: routed to the agency's supervisors",
    description: `${COMPLAINT}. 422 lists every unknown agency or step; 404 for a shipment you did not declare.`,
  })
  @ApiErrors(404)
  @ApiBusinessRules('agency and step must be in the agency registry (COMPLAINT.INVALID)')
  file(@Body() dto: FileComplaintDto, @CurrentPrincipal() importer: Principal) {
    return this.complaints.file(dto, importer);
  }

  @Get()
  @Roles('importer', 'supervisor', 'ops')
  @ApiOperation({
    summary: "Complaints, latest first: an importer's own, a supervisor's agency's, all for ops",
    description: `{ items: [${COMPLAINT} without text and history], total, page, pageSize }; status=escalated lists the escalated ones whatever their status.`,
  })
  @ApiQueryFrom(ListComplaintsQuery)
  @ApiBadRequestResponse({ description: 'Every problem of the query at once' })
  list(@Query() raw: Record<string, unknown>, @CurrentPrincipal() reader: Principal) {
    return this.complaints.list(validQuery(ListComplaintsQuery, raw), reader);
  }

  @Get(':id')
  @Roles('importer', 'supervisor', 'ops')
  @ApiOperation({ summary: 'One complaint with every move on it: who, when and why', description: COMPLAINT })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() reader: Principal) {
    return this.complaints.get(id, reader);
  }

  @Post(':id/take')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary:
      "First contact: the first of the agency's supervisors to take the complaint owns it (409 for the next, naming the owner)",
  })
  take(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() supervisor: Principal) {
    return this.complaints.take(id, supervisor);
  }

  @Post(':id/answer')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'The owner answers the complaint (409 for anyone else)' })
  answer(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: AnswerComplaintDto,
    @CurrentPrincipal() supervisor: Principal,
  ) {
    return this.complaints.answer(id, dto.answer, supervisor);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles('importer')
  @ApiOperation({
    summary: 'Not satisfied: reopen an answered complaint once, within COMPLAINT_REOPEN_DAYS of its answer',
  })
  reopen(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ReopenComplaintDto,
    @CurrentPrincipal() importer: Principal,
  ) {
    return this.complaints.reopen(id, dto.reason, importer);
  }
}

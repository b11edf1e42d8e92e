import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { DocumentRequestDto, InspectionTaskView } from './inspection-task.dto';
import { DocumentRequestsService } from './document-requests.service';
import { TaskClaimsService } from './task-claims.service';

/** What an officer does with a task besides deciding it: take it from the queue, ask for documents. */
@ApiTags('inspection tasks')
@Controller('v1/inspection-tasks')
export class OfficerActionsController {
  constructor(
    private readonly requests: DocumentRequestsService,
    private readonly claims: TaskClaimsService,
  ) {}

  @Post(':id/claim')
  @HttpCode(200)
  @Roles('inspection')
  @ApiOperation({
    summary: 'Take a task from the queue: only its claimant may then decide it (409 INSPECTION.TASK_CLAIMED)',
  })
  @ApiOkResponse({ type: InspectionTaskView })
  claim(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() officer: Principal,
  ): Promise<InspectionTaskView> {
    return this.claims.claim(id, officer.party);
  }

  @Post(':id/document-requests')
  @HttpCode(200)
  @Roles('inspection')
  @ApiOperation({
    summary:
      'Ask the importer for documents: emits DocumentsRequested, pauses the time limit until they come',
  })
  @ApiOkResponse({ type: InspectionTaskView })
  request(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: DocumentRequestDto,
    @CurrentPrincipal() officer: Principal,
  ): Promise<InspectionTaskView> {
    return this.requests.request(id, dto, officer.party);
  }
}

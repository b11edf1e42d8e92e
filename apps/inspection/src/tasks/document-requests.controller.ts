import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { DocumentRequestDto, InspectionTaskView } from './inspection-task.dto';
import { DocumentRequestsService } from './document-requests.service';

@ApiTags('inspection tasks')
@Controller('v1/inspection-tasks')
export class DocumentRequestsController {
  constructor(private readonly requests: DocumentRequestsService) {}

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

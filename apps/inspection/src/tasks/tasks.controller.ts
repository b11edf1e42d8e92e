import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBusinessRules } from '@tongguan/platform';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import {
  InspectionTaskPage,
  InspectionTaskView,
  ListTasksQuery,
  RecordResultDto,
} from './inspection-task.dto';
import { TasksService } from './tasks.service';

@ApiTags('inspection tasks')
@Controller('v1/inspection-tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Roles('inspection', 'ops')
  @ApiOperation({ summary: 'Document checks and physical inspections, most urgent deadline first' })
  @ApiOkResponse({ type: InspectionTaskPage })
  list(@Query() query: ListTasksQuery): Promise<InspectionTaskPage> {
    return this.tasks.list(query);
  }

  @Get(':id')
  @Roles('inspection', 'ops')
  @ApiOkResponse({ type: InspectionTaskView })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<InspectionTaskView> {
    return this.tasks.get(id);
  }

  @Post(':id/result')
  @HttpCode(200)
  @Roles('inspection')
  @ApiOperation({
    summary: 'The officer records the result [T4]: emits InspectionCompleted once',
    description:
      'The officer is the party of the token. 409 INSPECTION.TASK_CLOSED when the task is already decided, ' +
      '409 INSPECTION.DEADLINE_PASSED when its time limit has passed (it is deemed approved).',
  })
  @ApiOkResponse({ type: InspectionTaskView })
  @ApiBusinessRules('findings are required, and not empty, when the result is failed')
  recordResult(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: RecordResultDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<InspectionTaskView> {
    return this.tasks.recordResult(id, dto, principal.party);
  }
}

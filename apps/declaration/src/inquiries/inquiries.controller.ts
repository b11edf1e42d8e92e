import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@tongguan/platform';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { AnswerInquiryDto, ListInquiriesQuery, OpenInquiryDto } from './inquiry.dto';
import { InquiriesService } from './inquiries.service';

const OFFICERS = ['customs', 'inspection', 'port'] as const;

@ApiTags('inquiries')
@Controller('v1/inquiries')
export class InquiriesController {
  constructor(private readonly inquiries: InquiriesService) {}

  @Post()
  @Roles('importer')
  @ApiOperation({
    summary: 'Ask a question about one of your shipments; one officer will own it until answered',
  })
  @ApiErrors(404)
  open(@Body() dto: OpenInquiryDto, @CurrentPrincipal() importer: Principal) {
    return this.inquiries.open(dto.shipmentId, dto.question, importer);
  }

  @Get()
  @Roles('importer', ...OFFICERS, 'ops')
  @ApiOperation({
    summary:
      'Inquiries (an importer sees its own), each with its dueAt and whether it is overdue; ?overdue=true lists the late ones',
  })
  list(@Query() query: ListInquiriesQuery, @CurrentPrincipal() reader: Principal) {
    return this.inquiries.list(query, reader);
  }

  @Get(':id')
  @Roles('importer', ...OFFICERS, 'ops')
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() reader: Principal) {
    return this.inquiries.get(id, reader);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Roles(...OFFICERS)
  @ApiOperation({
    summary: 'First contact: the first officer to claim an inquiry owns it (409 for the next ones)',
  })
  claim(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() officer: Principal) {
    return this.inquiries.claim(id, officer);
  }

  @Post(':id/answer')
  @HttpCode(200)
  @Roles(...OFFICERS)
  @ApiOperation({ summary: 'The owner answers, whichever agency the answer needed' })
  answer(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: AnswerInquiryDto,
    @CurrentPrincipal() officer: Principal,
  ) {
    return this.inquiries.answer(id, dto.answer, officer);
  }
}

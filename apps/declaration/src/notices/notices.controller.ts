import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { randomUUID } from 'node:crypto';
import { CustomsQueryDto, NoticeResponseDto } from './notice.dto';
import { NoticesService } from './notices.service';

@ApiTags('notices')
@Controller('v1/declarations/:id')
export class NoticesController {
  constructor(
    private readonly notices: NoticesService,
    private readonly clock: Clock,
  ) {}

  @Post('queries')
  @Roles('customs')
  @ApiOperation({
    summary: 'Customs asks for documents; they join the one notice the importer answers at once',
  })
  async query(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CustomsQueryDto,
    @CurrentPrincipal() officer: Principal,
  ) {
    const request = {
      agency: 'customs' as const,
      requestId: randomUUID(),
      requestedBy: officer.party,
      documents: dto.documents,
    };
    await this.notices.addRequest(id, request, this.clock.now());
    return this.notices.current(id, officer);
  }

  @Get('notice')
  @Roles('importer', 'customs', 'inspection', 'ops')
  @ApiOperation({ summary: 'The consolidated notice: every document any agency wants for this declaration' })
  notice(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() reader: Principal) {
    return this.notices.current(id, reader);
  }

  @Post('notice/responses')
  @HttpCode(200)
  @Roles('importer')
  @ApiOperation({
    summary: 'One resubmission answering every item of the notice (422 lists what is missing)',
  })
  respond(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: NoticeResponseDto,
    @CurrentPrincipal() importer: Principal,
  ) {
    return this.notices.answer(id, dto.documents, importer);
  }
}

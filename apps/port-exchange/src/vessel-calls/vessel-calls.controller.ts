import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tongguan/auth';
import { CreateVesselCallDto } from './vessel-call.dto';
import { VesselCallsService } from './vessel-calls.service';

@ApiTags('vessel calls')
@Controller('v1/vessel-calls')
export class VesselCallsController {
  constructor(private readonly calls: VesselCallsService) {}

  @Post()
  @Roles('port', 'carrier')
  @ApiOperation({ summary: 'Announce a vessel call (ETA)' })
  create(@Body() dto: CreateVesselCallDto) {
    return this.calls.create(dto);
  }

  @Get(':id')
  @Roles('port', 'carrier', 'customs', 'ops')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.calls.get(id);
  }
}

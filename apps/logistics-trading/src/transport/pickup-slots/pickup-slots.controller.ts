import { ApiBusinessRules } from '@tongguan/platform';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tongguan/auth';
import { IsString, Matches } from 'class-validator';
import { PickupSlotsService, type SlotDayView } from './pickup-slots.service';

export class SlotDayQuery {
  @ApiProperty({ example: 'CNSZX-YICT' }) @IsString() @Matches(/^[A-Z0-9-]{2,40}$/) terminal: string;

  @ApiProperty({ example: '2026-03-02', description: 'local date at the terminal' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date must be YYYY-MM-DD' })
  date: string;
}

class SlotHourView {
  @ApiProperty() slotStart: Date;
  @ApiProperty() slotEnd: Date;
  @ApiProperty({ example: '2026-03-02 10:00', description: 'local hour at the terminal' }) local: string;
  @ApiProperty() booked: number;
  @ApiProperty() free: number;
}

class SlotDayResponse {
  @ApiProperty() terminal: string;
  @ApiProperty() date: string;
  @ApiProperty() capacityPerHour: number;
  @ApiProperty({ type: [SlotHourView] }) hours: SlotHourView[];
}

@ApiTags('transport')
@Controller('v1/pickup-slots')
export class PickupSlotsController {
  constructor(private readonly slots: PickupSlotsService) {}

  @Get()
  @Roles('importer', 'carrier', 'port', 'ops')
  @ApiOperation({ summary: "A terminal's pickup hours on a local date: capacity, booked and free places" })
  @ApiOkResponse({ type: SlotDayResponse })
  @ApiBusinessRules('terminal must be a terminal of the pickup-slot file (TRANSPORT.TERMINAL_UNKNOWN)')
  day(@Query() query: SlotDayQuery): Promise<SlotDayView> {
    return this.slots.day(query.terminal, query.date);
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tongguan/auth';
import { ApiErrors } from '@tongguan/platform';
import { IsOptional, Matches } from 'class-validator';
import { SlotBookingService } from './slot-booking.service';

export class SlotDayQuery {
  @ApiProperty({ example: '2026-03-02' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) date: string;
  @ApiPropertyOptional({ example: 'SZ-YANTIAN' }) @IsOptional() @Matches(/^[A-Z0-9-]{2,40}$/) site?: string;
}

@ApiTags('inspection slots')
@Controller('v1/inspection-slots')
export class SlotsController {
  constructor(private readonly slots: SlotBookingService) {}

  @Get()
  @Roles('inspection', 'ops')
  @ApiOperation({
    summary: "A site's physical-inspection slots on a working day: ordinary and green-reserved",
  })
  @ApiErrors(404)
  day(@Query() query: SlotDayQuery) {
    return this.slots.day(query.date, query.site);
  }
}

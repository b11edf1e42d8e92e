import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { loadInspectionSites, InspectionSites } from './inspection-sites';
import { SlotBookingService } from './slot-booking.service';
import { SlotDayRepository } from './slot-day.repository';
import { SlotDay, SlotDaySchema } from './slot-day.schema';
import { SlotsController } from './slots.controller';

@Module({
  imports: [MongooseModule.forFeature([{ name: SlotDay.name, schema: SlotDaySchema }])],
  controllers: [SlotsController],
  providers: [
    SlotDayRepository,
    SlotBookingService,
    { provide: InspectionSites, useFactory: loadInspectionSites },
  ],
  exports: [SlotBookingService],
})
export class SlotsModule {}

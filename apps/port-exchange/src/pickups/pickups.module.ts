import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GatePickupBooking, GatePickupBookingSchema } from './pickup-booking.schema';
import { PickupBookingRepository } from './pickup-booking.repository';
import { GatePickupShipment, GatePickupShipmentSchema } from './pickup-shipment.schema';
import { PickupsEventsController } from './pickups.events.controller';
import { PickupsService } from './pickups.service';

/** The pickup bookings the gate honours, learnt from logistics-trading's events. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: GatePickupBooking.name, schema: GatePickupBookingSchema },
      { name: GatePickupShipment.name, schema: GatePickupShipmentSchema },
    ]),
  ],
  controllers: [PickupsEventsController],
  providers: [PickupBookingRepository, PickupsService],
  exports: [PickupsService],
})
export class PickupsModule {}

import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CustomsHold, CustomsHoldSchema } from './customs-hold.schema';
import { CustomsHoldShipment, CustomsHoldShipmentSchema } from './customs-hold-shipment.schema';
import { CustomsHoldRepository } from './customs-hold.repository';
import { CustomsHoldsController } from './customs-holds.controller';
import { CustomsHoldsService } from './customs-holds.service';
import { HoldsEventsController } from './holds.events.controller';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CustomsHold.name, schema: CustomsHoldSchema },
      { name: CustomsHoldShipment.name, schema: CustomsHoldShipmentSchema },
    ]),
  ],
  controllers: [CustomsHoldsController, HoldsEventsController],
  providers: [CustomsHoldRepository, CustomsHoldsService],
  exports: [CustomsHoldsService],
})
export class HoldsModule {}

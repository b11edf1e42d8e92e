import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CustomsHold, CustomsHoldSchema } from './customs-hold.schema';
import { CustomsHoldsController } from './customs-holds.controller';
import { CustomsHoldsService } from './customs-holds.service';
import { HoldsEventsController } from './holds.events.controller';

@Module({
  imports: [MongooseModule.forFeature([{ name: CustomsHold.name, schema: CustomsHoldSchema }])],
  controllers: [CustomsHoldsController, HoldsEventsController],
  providers: [CustomsHoldsService],
  exports: [CustomsHoldsService],
})
export class HoldsModule {}

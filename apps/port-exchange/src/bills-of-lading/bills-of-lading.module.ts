import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { VesselCallsModule } from '../vessel-calls/vessel-calls.module';
import { BillOfLading, BillOfLadingSchema } from './bill-of-lading.schema';
import { BillsOfLadingController } from './bills-of-lading.controller';
import { BillsOfLadingService } from './bills-of-lading.service';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: BillOfLading.name, schema: BillOfLadingSchema }]),
    VesselCallsModule,
  ],
  controllers: [BillsOfLadingController],
  providers: [BillsOfLadingService],
  exports: [BillsOfLadingService],
})
export class BillsOfLadingModule {}

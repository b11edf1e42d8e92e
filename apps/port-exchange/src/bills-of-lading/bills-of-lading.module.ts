import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { VesselCallsModule } from '../vessel-calls/vessel-calls.module';
import { BillOfLading, BillOfLadingSchema } from './bill-of-lading.schema';
import { BillOfLadingRepository } from './bill-of-lading.repository';
import { BillsOfLadingController } from './bills-of-lading.controller';
import { BillsOfLadingService } from './bills-of-lading.service';
import { DischargesController } from './discharges.controller';
import { DischargesService } from './discharges.service';
import { ManifestConflictRepository } from './manifest-conflict.repository';
import { ManifestConflictRecord, ManifestConflictSchema } from './manifest-conflict.schema';
import { ManifestStore } from './manifest-store';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: BillOfLading.name, schema: BillOfLadingSchema },
      { name: ManifestConflictRecord.name, schema: ManifestConflictSchema },
    ]),
    VesselCallsModule,
  ],
  controllers: [BillsOfLadingController, DischargesController],
  providers: [
    BillOfLadingRepository,
    BillsOfLadingService,
    DischargesService,
    ManifestStore,
    ManifestConflictRepository,
  ],
  exports: [BillsOfLadingService, ManifestStore],
})
export class BillsOfLadingModule {}

import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { VesselCallsModule } from '../vessel-calls/vessel-calls.module';
import { ExportGatesService } from './export-gates.service';
import {
  ExportGateRefusalRepository,
  ExportShipmentRepository,
  LoadingListRepository,
} from './export-records.repository';
import {
  ExportGateRefusal,
  ExportGateRefusalSchema,
  ExportShipment,
  ExportShipmentSchema,
} from './export-shipment.schema';
import { ExportsController } from './exports.controller';
import { ExportsEventsController } from './exports.events.controller';
import { LoadingList, LoadingListSchema } from './loading-list.schema';
import { LoadingListsService } from './loading-lists.service';

/** Exports at the terminal: the export gate, the loading list and the vessel's departure. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ExportShipment.name, schema: ExportShipmentSchema },
      { name: ExportGateRefusal.name, schema: ExportGateRefusalSchema },
      { name: LoadingList.name, schema: LoadingListSchema },
    ]),
    VesselCallsModule,
  ],
  controllers: [ExportsController, ExportsEventsController],
  providers: [
    ExportShipmentRepository,
    ExportGateRefusalRepository,
    LoadingListRepository,
    ExportGatesService,
    LoadingListsService,
  ],
})
export class ExportsModule {}

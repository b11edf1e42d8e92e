import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { VesselCall, VesselCallSchema } from './vessel-call.schema';
import { VesselCallRepository } from './vessel-call.repository';
import { VesselCallsController } from './vessel-calls.controller';
import { VesselCallsService } from './vessel-calls.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: VesselCall.name, schema: VesselCallSchema }])],
  controllers: [VesselCallsController],
  providers: [VesselCallRepository, VesselCallsService],
  exports: [VesselCallsService],
})
export class VesselCallsModule {}

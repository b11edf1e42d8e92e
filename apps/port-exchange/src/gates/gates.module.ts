import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BillsOfLadingModule } from '../bills-of-lading/bills-of-lading.module';
import { ReleasesModule } from '../releases/releases.module';
import { GateRefusal, GateRefusalSchema } from './gate-refusal.schema';
import { GatesController } from './gates.controller';
import { GatesService } from './gates.service';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: GateRefusal.name, schema: GateRefusalSchema }]),
    BillsOfLadingModule,
    ReleasesModule,
  ],
  controllers: [GatesController],
  providers: [GatesService],
})
export class GatesModule {}

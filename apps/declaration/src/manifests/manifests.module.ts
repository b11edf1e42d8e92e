import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ManifestedBill, ManifestedBillSchema } from './manifested-bill.schema';
import { ManifestedBillRepository } from './manifested-bill.repository';
import { ManifestsEventsController } from './manifests.events.controller';

@Module({
  imports: [MongooseModule.forFeature([{ name: ManifestedBill.name, schema: ManifestedBillSchema }])],
  controllers: [ManifestsEventsController],
  providers: [ManifestedBillRepository],
  exports: [ManifestedBillRepository],
})
export class ManifestsModule {}

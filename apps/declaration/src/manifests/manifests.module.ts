import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ManifestedBill, ManifestedBillSchema } from './manifested-bill.schema';
import { ManifestedBillRepository } from './manifested-bill.repository';

/** What the declaration service knows of the manifests (read by the lodgement's filing right). */
@Module({
  imports: [MongooseModule.forFeature([{ name: ManifestedBill.name, schema: ManifestedBillSchema }])],
  providers: [ManifestedBillRepository],
  exports: [ManifestedBillRepository],
})
export class ManifestsModule {}

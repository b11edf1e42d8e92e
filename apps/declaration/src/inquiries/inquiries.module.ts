import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DeclarationsModule } from '../declarations/declarations.module';
import { Inquiry, InquirySchema } from './inquiry.schema';
import { InquiriesController } from './inquiries.controller';
import { InquiriesService } from './inquiries.service';
import { InquiryRepository } from './inquiry.repository';

@Module({
  imports: [MongooseModule.forFeature([{ name: Inquiry.name, schema: InquirySchema }]), DeclarationsModule],
  controllers: [InquiriesController],
  providers: [InquiryRepository, InquiriesService],
})
export class InquiriesModule {}

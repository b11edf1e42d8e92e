import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TimelinesModule } from '../timelines/timelines.module';
import { AuditRecord, AuditRecordSchema } from './audit-entry.schema';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: AuditRecord.name, schema: AuditRecordSchema }]),
    TimelinesModule,
  ],
  controllers: [AuditController],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}

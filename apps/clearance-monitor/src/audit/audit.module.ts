import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditTrail, AuditTrailSchema } from './audit-trail.schema';
import { AuditTrailRepository } from './audit-trail.repository';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: AuditTrail.name, schema: AuditTrailSchema }])],
  controllers: [AuditController],
  providers: [AuditTrailRepository, AuditService],
  exports: [AuditService],
})
export class AuditModule {}

import { Module } from '@nestjs/common';
import { BillsOfLadingModule } from '../bills-of-lading/bills-of-lading.module';
import { VesselCallsModule } from '../vessel-calls/vessel-calls.module';
import { ManifestUploadsController } from './manifest-uploads.controller';
import { ManifestUploadsService } from './manifest-uploads.service';
import { loadUploadLimits, UploadLimits } from './upload-limits';

@Module({
  imports: [BillsOfLadingModule, VesselCallsModule],
  controllers: [ManifestUploadsController],
  providers: [ManifestUploadsService, { provide: UploadLimits, useFactory: () => loadUploadLimits() }],
})
export class ManifestUploadsModule {}

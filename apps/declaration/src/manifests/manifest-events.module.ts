import { Module } from '@nestjs/common';
import { DeclarationsModule } from '../declarations/declarations.module';
import { ManifestChangesService } from './manifest-changes.service';
import { ManifestsEventsController } from './manifests.events.controller';
import { ManifestsModule } from './manifests.module';

/** The manifest facts from port.events.v1, and what they change for declarations already lodged. */
@Module({
  imports: [ManifestsModule, DeclarationsModule],
  controllers: [ManifestsEventsController],
  providers: [ManifestChangesService],
})
export class ManifestEventsModule {}

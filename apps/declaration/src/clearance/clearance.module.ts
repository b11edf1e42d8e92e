import { Module } from '@nestjs/common';
import { DeclarationsModule } from '../declarations/declarations.module';
import { ClearanceEventsController } from './clearance.events.controller';
import { ReleaseService } from './release.service';

@Module({
  imports: [DeclarationsModule],
  controllers: [ClearanceEventsController],
  providers: [ReleaseService],
  exports: [ReleaseService],
})
export class ClearanceModule {}

import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CustomsRelease, CustomsReleaseSchema } from './customs-release.schema';
import { ReleasesEventsController } from './releases.events.controller';
import { ReleasesService } from './releases.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: CustomsRelease.name, schema: CustomsReleaseSchema }])],
  controllers: [ReleasesEventsController],
  providers: [ReleasesService],
  exports: [ReleasesService],
})
export class ReleasesModule {}

import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CustomsRelease, CustomsReleaseSchema } from './customs-release.schema';
import { ReleasesEventsController } from './releases.events.controller';
import { ReleasesRepository } from './releases.repository';

@Module({
  imports: [MongooseModule.forFeature([{ name: CustomsRelease.name, schema: CustomsReleaseSchema }])],
  controllers: [ReleasesEventsController],
  providers: [ReleasesRepository],
  exports: [ReleasesRepository],
})
export class ReleasesModule {}

import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GreenChannelEntry, GreenChannelEntrySchema } from './green-channel-entry.schema';
import { GreenChannelController } from './green-channel.controller';
import { GreenChannelRepository } from './green-channel.repository';
import { GreenChannelService } from './green-channel.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: GreenChannelEntry.name, schema: GreenChannelEntrySchema }])],
  controllers: [GreenChannelController],
  providers: [GreenChannelRepository, GreenChannelService],
  exports: [GreenChannelService],
})
export class GreenChannelModule {}

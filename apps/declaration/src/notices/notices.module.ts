import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ClearanceModule } from '../clearance/clearance.module';
import { DeclarationsModule } from '../declarations/declarations.module';
import { Notice, NoticeSchema } from './notice.schema';
import { NoticesController } from './notices.controller';
import { NoticesEventsController } from './notices.events.controller';
import { NoticeRepository } from './notice.repository';
import { NoticesService } from './notices.service';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: Notice.name, schema: NoticeSchema }]),
    DeclarationsModule,
    ClearanceModule,
  ],
  controllers: [NoticesController, NoticesEventsController],
  providers: [NoticeRepository, NoticesService],
})
export class NoticesModule {}

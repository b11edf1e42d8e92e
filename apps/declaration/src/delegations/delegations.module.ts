import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ManifestsModule } from '../manifests/manifests.module';
import { Delegation, DelegationSchema } from './delegation.schema';
import { DelegationRepository } from './delegation.repository';
import { DelegationsController } from './delegations.controller';
import { DelegationsService } from './delegations.service';
import { FilingRightsController } from './filing-rights.controller';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: Delegation.name, schema: DelegationSchema }]),
    ManifestsModule,
  ],
  controllers: [DelegationsController, FilingRightsController],
  providers: [DelegationRepository, DelegationsService],
  exports: [DelegationsService],
})
export class DelegationsModule {}

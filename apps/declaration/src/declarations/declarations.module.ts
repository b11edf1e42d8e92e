import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DelegationsModule } from '../delegations/delegations.module';
import { loadVatRebates, VAT_REBATES } from '../exports/vat-rebates';
import { GreenChannelModule } from '../green-channel/green-channel.module';
import { ApprovalRouting } from './approval-routing';
import { AmendmentsService } from './amendments.service';
import { DeclarationRepository } from './declaration.repository';
import { Declaration, DeclarationSchema } from './declaration.schema';
import { DeclarationShipment, DeclarationShipmentSchema } from './declaration-shipment.schema';
import { DeclarationTransitions } from './declaration-transitions';
import { DeclarationsController } from './declarations.controller';
import { DeclarationsService } from './declarations.service';
import { FilingValidator } from './filing-validator';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Declaration.name, schema: DeclarationSchema },
      { name: DeclarationShipment.name, schema: DeclarationShipmentSchema },
    ]),
    DelegationsModule,
    GreenChannelModule,
  ],
  controllers: [DeclarationsController],
  providers: [
    DeclarationRepository,
    DeclarationTransitions,
    DeclarationsService,
    AmendmentsService,
    FilingValidator,
    ApprovalRouting,
    // a broken rebate list stops the boot with its problems
    { provide: VAT_REBATES, useFactory: loadVatRebates },
  ],
  exports: [DeclarationRepository, DeclarationTransitions],
})
export class DeclarationsModule {}

import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GuaranteeAccount, GuaranteeAccountSchema } from './guarantee-account.schema';
import { GuaranteeAccountRepository } from './guarantee-account.repository';
import { GuaranteeRegistry, loadGuaranteeRegistry } from './guarantee-registry';
import { GuaranteesController } from './guarantees.controller';
import { GuaranteesService } from './guarantees.service';

/**
 * AEO bank guarantees. The registry is read when the module is defined (AppModule.forConfig, before Nest
 * starts), so a bad file stops the boot with its problems listed. Global so that settlement can draw.
 */
@Module({})
export class GuaranteesModule {
  static fromRegistryFile(): DynamicModule {
    return {
      module: GuaranteesModule,
      global: true,
      imports: [MongooseModule.forFeature([{ name: GuaranteeAccount.name, schema: GuaranteeAccountSchema }])],
      controllers: [GuaranteesController],
      providers: [
        { provide: GuaranteeRegistry, useValue: loadGuaranteeRegistry() },
        GuaranteeAccountRepository,
        GuaranteesService,
      ],
      exports: [GuaranteesService],
    };
  }
}

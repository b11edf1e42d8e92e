import { DynamicModule, Module } from '@nestjs/common';
import { AgenciesModule, SingleWindowRulesModule } from '@tongguan/agencies';
import type { ServiceConfig } from '@tongguan/config';
import { PlatformModule } from '@tongguan/platform';
import { ClearanceModule } from './clearance/clearance.module';
import { CodeListsModule } from './code-lists/code-lists.module';
import { DeclarationsModule } from './declarations/declarations.module';
import { InquiriesModule } from './inquiries/inquiries.module';
import { ManifestEventsModule } from './manifests/manifest-events.module';
import { NoticesModule } from './notices/notices.module';

@Module({})
export class AppModule {
  static forConfig(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService(config),
        AgenciesModule,
        SingleWindowRulesModule,
        DeclarationsModule,
        ClearanceModule,
        NoticesModule,
        InquiriesModule,
        ManifestEventsModule,
        CodeListsModule,
      ],
    };
  }
}

import { DynamicModule, Global, Module } from '@nestjs/common';
import { ServiceConfig } from './service-config';

@Global()
@Module({})
export class ConfigModule {
  static forService(config: ServiceConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: ServiceConfig, useValue: config }],
      exports: [ServiceConfig],
    };
  }
}

import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ServiceConfig } from '@tongguan/config';
import { JwtAuthGuard } from './jwt-auth.guard';
import { tokenSettingsOf } from './token-settings';

@Global()
@Module({})
export class AuthModule {
  static forService(config: ServiceConfig): DynamicModule {
    const settings = tokenSettingsOf(config);
    return {
      module: AuthModule,
      providers: [
        {
          provide: APP_GUARD,
          useFactory: (r: Reflector) => new JwtAuthGuard(r, settings),
          inject: [Reflector],
        },
      ],
    };
  }
}

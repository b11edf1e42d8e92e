import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ServiceConfig } from '@tongguan/config';
import { JwtAuthGuard } from './jwt-auth.guard';
import { TOKEN_ISSUER, type TokenSettings } from './token-verifier';

@Global()
@Module({})
export class AuthModule {
  static forService(config: ServiceConfig): DynamicModule {
    const settings: TokenSettings = {
      secret: config.JWT_SECRET,
      publicKey: process.env.JWT_PUBLIC_KEY || undefined,
      issuer: TOKEN_ISSUER,
    };
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

import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';

@Global()
@Module({
  providers: [{ provide: Clock, useFactory: () => Clock.fromEnv() }],
  exports: [Clock],
})
export class ClockModule {}

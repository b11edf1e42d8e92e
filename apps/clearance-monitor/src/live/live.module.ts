import { Global, Module } from '@nestjs/common';
import { MonitorUpdates } from './monitor-updates';

@Global()
@Module({ providers: [MonitorUpdates], exports: [MonitorUpdates] })
export class LiveModule {}

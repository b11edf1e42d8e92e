import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { CustomsHoldsService } from './customs-holds.service';

@Controller()
export class HoldsEventsController {
  constructor(private readonly holds: CustomsHoldsService) {}

  @OnEvent('ReleaseRefused')
  async onReleaseRefused(event: IncomingEvent<'ReleaseRefused'>): Promise<void> {
    await this.holds.holdRefusedRelease(event);
  }
}

import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { RiskService } from './risk.service';

@Controller()
export class RiskEventsController {
  constructor(private readonly risk: RiskService) {}

  @OnEvent('DeclarationAccepted')
  async onDeclarationAccepted(event: IncomingEvent<'DeclarationAccepted'>): Promise<void> {
    await this.risk.assess(event);
  }

  @OnEvent('DeclarationAmended')
  async onDeclarationAmended(event: IncomingEvent<'DeclarationAmended'>): Promise<void> {
    await this.risk.reassess(event);
  }
}

import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { ApprovalDeskService } from './approval-desk.service';

@Controller()
export class ApprovalsEventsController {
  constructor(private readonly desk: ApprovalDeskService) {}

  @OnEvent('ApprovalsRequested')
  async onApprovalsRequested(event: IncomingEvent<'ApprovalsRequested'>): Promise<void> {
    await this.desk.open(event);
  }
}

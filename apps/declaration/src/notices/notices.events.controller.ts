import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { NoticesService } from './notices.service';

/** Inspection's document requests join the declaration's notice, beside customs' own queries. */
@Controller()
export class NoticesEventsController {
  constructor(private readonly notices: NoticesService) {}

  @OnEvent('DocumentsRequested')
  async onDocumentsRequested(event: IncomingEvent<'DocumentsRequested'>): Promise<void> {
    const { declarationId, requestId, officerId, documents } = event.payload;
    await this.notices.addRequest(
      declarationId,
      { agency: 'inspection', requestId, requestedBy: officerId, documents },
      new Date(event.time),
      event,
    );
  }
}

import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { DocumentRequestsService } from './document-requests.service';

@Controller()
export class DocumentRequestsEventsController {
  constructor(private readonly requests: DocumentRequestsService) {}

  @OnEvent('DocumentsSubmitted')
  async onDocumentsSubmitted(event: IncomingEvent<'DocumentsSubmitted'>): Promise<void> {
    if (!event.payload.documents.some((d) => d.agency === 'inspection')) return;
    await this.requests.resume(event.payload.declarationId, new Date(event.time));
  }
}

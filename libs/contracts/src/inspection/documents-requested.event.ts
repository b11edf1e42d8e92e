import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class RequestedDocument {
  /** A short code of the document wanted (e.g. HEALTH_CERTIFICATE, PACKING_LIST). */
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/) code: string;
  @IsString() @Length(1, 500) description: string;
}

export class DocumentsRequestedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) declarationId: string;
  @IsString() @Length(1, 64) taskId: string;
  @IsString() @Length(1, 64) requestId: string;
  @IsString() @Length(1, 64) officerId: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RequestedDocument)
  documents: RequestedDocument[];
}

export const DocumentsRequested = defineEvent({
  type: 'tongguan.inspection.DocumentsRequested.v1',
  topic: Topics.inspection,
  source: 'inspection',
  payload: DocumentsRequestedPayload,
  description:
    'An inspection officer needs documents from the importer; the task waits (its time limit paused) until they come.',
});

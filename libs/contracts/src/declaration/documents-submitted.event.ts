import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Length, ValidateNested } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const REQUESTING_AGENCIES = ['customs', 'inspection'] as const;

export class SubmittedDocument {
  @IsIn(REQUESTING_AGENCIES) agency: (typeof REQUESTING_AGENCIES)[number];
  /** The agency's request this answers (for inspection, the requestId of DocumentsRequested). */
  @IsString() @Length(1, 64) requestId: string;
  @IsString() @Length(1, 40) code: string;
  @IsString() @Length(1, 200) documentRef: string;
}

export class DocumentsSubmittedPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) declarationId: string;
  @IsString() @Length(1, 64) importerId: string;
  @IsString() @Length(1, 64) noticeId: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SubmittedDocument)
  documents: SubmittedDocument[];
}

export const DocumentsSubmitted = defineEvent({
  type: 'tongguan.declaration.DocumentsSubmitted.v1',
  topic: Topics.declaration,
  source: 'declaration',
  payload: DocumentsSubmittedPayload,
  description:
    'The importer answered a consolidated notice in one resubmission: every document any agency asked for.',
});

import { IsString, Length } from 'class-validator';
import { ShipmentPayload } from '../common';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ReleasedForLoadingPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) declarationId: string;
  /** The exporter: the export declaration's owner. */
  @IsString() @Length(1, 64) exporterId: string;
}

export const ReleasedForLoading = defineEvent({
  type: 'tongguan.declaration.ReleasedForLoading.v1',
  topic: Topics.declaration,
  source: 'declaration',
  payload: ReleasedForLoadingPayload,
  description:
    'Customs released export goods for loading: declaration accepted, checks cleared, export duty paid and the goods at the port [TRS export release].',
});

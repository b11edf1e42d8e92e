import { HttpStatus, Injectable } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { EventFactory } from '@tongguan/messaging';
import { DomainError, NotFoundError } from '@tongguan/platform';
import { assessFiling } from './assessed-filing';
import { amendmentRefusal } from './declaration-lifecycle';
import { DeclarationRepository } from './declaration.repository';
import { type DeclarationStatus } from './declaration-status';
import { FilingValidator } from './filing-validator';

/**
 * Amendment before payment: the importer sends the whole data set again with a reason. It is validated
 * like a new filing, duty is assessed again, the previous version is kept, and DeclarationAmended asks
 * inspection to assess the risk again and logistics to restate the payment request. After payment the
 * duty is settled: the importer withdraws and files again instead (no refunds or top-ups here).
 */
@Injectable()
export class AmendmentsService {
  constructor(
    private readonly declarations: DeclarationRepository,
    private readonly validator: FilingValidator,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async amend(id: string, raw: unknown, reason: string, importer: Principal, correlationId?: string) {
    const current = await this.declarations.findById(id);
    if (!current || current.importerId !== importer.party) throw new NotFoundError('declaration', id);
    const refusal = amendmentRefusal(current);
    if (refusal) throw new DomainError('DECLARATION.NOT_AMENDABLE', refusal);
    const assessedAt = this.clock.now();
    const isDuplicate = (shipmentId: string) => this.declarations.hasActive(shipmentId, id);
    const filing = await this.validator.validate(raw, isDuplicate, assessedAt);
    const { tariff, rates } = this.validator;
    const { shipmentId, greenChannel, duty, accepted } = assessFiling(filing, tariff, rates, assessedAt);
    if (shipmentId !== current.shipmentId) {
      throw new DomainError(
        'DECLARATION.DEFICIENT',
        'an amendment cannot change the bill of lading',
        HttpStatus.UNPROCESSABLE_ENTITY,
        [
          {
            path: 'declaration.blNumber',
            code: 'BL_CHANGED',
            message: `the declaration is for ${current.shipmentId}; file a new one for another B/L`,
          },
        ],
      );
    }
    const version = (current.version ?? 1) + 1;
    const { dutyMinor, vatMinor, totalMinor } = duty;
    const amended = this.events.create(
      'DeclarationAmended',
      {
        shipmentId,
        declarationId: id,
        importerId: importer.party,
        ...accepted,
        version,
        reason,
        duty: { currency: duty.currency, dutyMinor, vatMinor, totalMinor },
      },
      { correlationId },
    );
    const at = new Date(amended.time);
    const status: DeclarationStatus = 'accepted';
    // written only if nothing changed since the read (a payment, a result, another amendment)
    const updated = await this.declarations.apply(
      { _id: id, revision: current.revision ?? null },
      {
        change: {
          set: { filing: { ...filing }, duty, greenChannel, version, status, inspectionCleared: false },
          push: {
            statusHistory: {
              $each: [
                { status: 'amended', at, by: importer.party, reason },
                { status, at, by: 'customs', reason: `version ${version} accepted; duty assessed again` },
              ],
            },
            versions: {
              version: current.version ?? 1,
              filing: current.filing,
              duty: current.duty,
              replacedAt: at,
              reason,
            },
          },
          unset: ['riskChannel', 'inspectionTaskId'],
        },
        events: [amended],
      },
    );
    if (!updated) {
      throw new DomainError(
        'DECLARATION.CHANGED',
        'the declaration changed meanwhile; read it and try again',
      );
    }
    return { id, shipmentId, version, status, duty };
  }
}

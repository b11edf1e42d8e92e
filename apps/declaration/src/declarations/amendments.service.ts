import { HttpStatus, Injectable } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { EventFactory } from '@tongguan/messaging';
import { DomainError, NotFoundError } from '@tongguan/platform';
import { assessFiling } from './assessed-filing';
import { amendmentRefusal, paidAfterAmendment } from './declaration-lifecycle';
import { dutyAssessedOf } from './declaration-transitions';
import { DeclarationRepository } from './declaration.repository';
import { type DeclarationStatus } from './declaration-status';
import { FilingValidator } from './filing-validator';

/**
 * Amendment before release: the importer sends the whole data set again with a reason. It is validated
 * like a new filing, duty is assessed again, the previous version is kept; DeclarationAmended asks
 * inspection to assess the risk again and DutyAssessed of the new version asks logistics for what it
 * owes. Also while or after a payment settles: what this declaration has settled counts against the new
 * assessment, and release waits until the difference is settled too (duty-coverage). A lower assessment
 * after payment leaves it paid; refunds are not handled here.
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
    const closed = amendmentRefusal(current);
    if (closed) throw new DomainError('DECLARATION.NOT_AMENDABLE', closed);
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
    const { dutyMinor, vatMinor, totalMinor } = duty;
    let refusal: string | null = null;
    let version = 0;
    let paid = false;
    // read, decide, write guarded by the revision read; a fact landing meanwhile (a settlement, a
    // result) makes it read and decide again on the declaration as it now stands
    const { applied } = await this.declarations.modify(id, (latest) => {
      refusal = amendmentRefusal(latest);
      if (refusal) return null;
      version = (latest.version ?? 1) + 1;
      paid = paidAfterAmendment(latest, duty);
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
      // what the new version owes in all: logistics restates an unpaid request or asks for the difference
      const assessed = this.events.create('DutyAssessed', dutyAssessedOf({ ...latest, version, duty }), {
        causedBy: amended,
      });
      const at = new Date(amended.time);
      const status: DeclarationStatus = 'accepted';
      const still = paid ? 'paid' : 'to be paid before release';
      return {
        change: {
          set: { filing: { ...filing }, duty, greenChannel, version, status, inspectionCleared: false, paid },
          push: {
            statusHistory: {
              $each: [
                { status: 'amended', at, by: importer.party, reason },
                {
                  status,
                  at,
                  by: 'customs',
                  reason: `version ${version} accepted; duty assessed again, ${still}`,
                },
              ],
            },
            versions: {
              version: latest.version ?? 1,
              filing: latest.filing,
              duty: latest.duty,
              replacedAt: at,
              reason,
            },
          },
          unset: ['riskChannel', 'inspectionTaskId'],
        },
        events: [amended, assessed],
      };
    });
    if (!applied) throw new DomainError('DECLARATION.NOT_AMENDABLE', refusal ?? 'the declaration is gone');
    const status: DeclarationStatus = 'accepted';
    return { id, shipmentId, version, status, paid, duty };
  }
}

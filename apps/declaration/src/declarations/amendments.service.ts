import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { EventFactory, OutboxRelay } from '@tongguan/messaging';
import { stageEvents, withState } from '@tongguan/persistence';
import { DomainError, NotFoundError } from '@tongguan/platform';
import type { Model } from 'mongoose';
import { assessFiling } from './assessed-filing';
import { Declaration } from './declaration.schema';
import { ACTIVE, RELEASABLE, type DeclarationStatus } from './declaration-status';
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
    @InjectModel(Declaration.name) private readonly declarations: Model<Declaration>,
    private readonly validator: FilingValidator,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  async amend(id: string, raw: unknown, reason: string, importer: Principal, correlationId?: string) {
    const current = await this.declarations.findOne({ _id: id, importerId: importer.party }).lean();
    if (!current) throw new NotFoundError('declaration', id);
    if (!RELEASABLE.includes(current.status) || current.paid) {
      throw new DomainError(
        'DECLARATION.NOT_AMENDABLE',
        current.paid
          ? 'duty is already paid: withdraw the declaration and file again'
          : `a ${current.status} declaration cannot be amended`,
      );
    }
    const assessedAt = this.clock.now();
    const isDuplicate = async (shipmentId: string) =>
      (await this.declarations.exists({ _id: { $ne: id }, shipmentId, status: { $in: ACTIVE } })) !== null;
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
    const updated = await this.declarations.updateOne(
      { _id: id, status: current.status, paid: false, version: current.version },
      {
        ...withState(
          stageEvents([amended]),
          { filing: { ...filing }, duty, greenChannel, version, status, inspectionCleared: false },
          {
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
        ),
        $unset: { riskChannel: 1, inspectionTaskId: 1 },
      },
    );
    if (updated.modifiedCount !== 1) {
      throw new DomainError(
        'DECLARATION.CHANGED',
        'the declaration changed meanwhile; read it and try again',
      );
    }
    this.relay.nudge();
    return { id, shipmentId, version, status, duty };
  }
}

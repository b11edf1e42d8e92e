import { HttpStatus, Injectable } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { EventFactory } from '@tongguan/messaging';
import { DomainError, NotFoundError } from '@tongguan/platform';
import { GENERAL_TRADE } from '../code-lists/code-lists';
import { GreenChannelService } from '../green-channel/green-channel.service';
import { approvalsRequestedOf, ApprovalRouting } from './approval-routing';
import {
  approvalsAfterAmendment,
  asRequested,
  describeApprovals,
  nameOf,
  type ApprovalOnRecord,
} from './approvals';
import { assessFiling, groundsOf } from './assessed-filing';
import { amendmentRefusal, paidAfterAmendment } from './declaration-lifecycle';
import { dutyAssessedOf } from './declaration-transitions';
import { DeclarationRepository } from './declaration.repository';
import { type DeclarationStatus, statusCodeOf } from './declaration-status';
import { FilingValidator } from './filing-validator';

/**
 * Amendment before release: the importer sends the whole data set again with a reason. It is validated
 * like a new filing, duty is assessed again, the previous version is kept; DeclarationAmended asks
 * inspection to assess the risk again and DutyAssessed of the new version asks logistics for what it
 * owes. Also while or after a payment settles: what this declaration has settled counts against the new
 * assessment, and release waits until the difference is settled too (duty-coverage). A lower assessment
 * after payment leaves it paid; refunds are not handled here. The green channel is decided again from the
 * register and the routing rules again for the new version: approvals it still needs that were granted
 * stay granted, the others are requested for it (ApprovalsRequested with the new version).
 */
@Injectable()
export class AmendmentsService {
  constructor(
    private readonly declarations: DeclarationRepository,
    private readonly validator: FilingValidator,
    private readonly events: EventFactory,
    private readonly clock: Clock,
    private readonly greenChannel: GreenChannelService,
    private readonly routing: ApprovalRouting,
  ) {}

  async amend(id: string, raw: unknown, reason: string, importer: Principal, correlationId?: string) {
    const current = await this.declarations.findById(id);
    if (!current || current.importerId !== importer.party) throw new NotFoundError('declaration', id);
    const closed = amendmentRefusal(current);
    if (closed) throw new DomainError('DECLARATION.NOT_AMENDABLE', closed);
    const assessedAt = this.clock.now();
    // duty is owed at the tariff and exchange rates of the day the declaration was lodged (Customs
    // Tariff Law Art. 31), not of the day it is amended
    const lodgedAt = current.statusHistory[0] ? new Date(current.statusHistory[0].at) : assessedAt;
    const isDuplicate = (shipmentId: string) => this.declarations.hasActive(shipmentId, id);
    const filing = await this.validator.validate(raw, isDuplicate, lodgedAt);
    const { aeoTraderId, majorProjectCode } = filing;
    const earned = await this.greenChannel.earned(
      { importerId: current.importerId, aeoTraderId, majorProjectCode },
      assessedAt,
    );
    const { greenChannel } = earned;
    const { shipmentId, duty, accepted } = assessFiling(filing, this.validator.dutyData, lodgedAt, earned);
    if ((filing.direction ?? 'import') !== (current.direction ?? 'import')) {
      throw new DomainError(
        'DECLARATION.DEFICIENT',
        'an amendment cannot change the direction',
        HttpStatus.UNPROCESSABLE_ENTITY,
        [
          {
            path: 'declaration.direction',
            code: 'DIRECTION_CHANGED',
            message: `the declaration is an ${current.direction ?? 'import'}; withdraw it and lodge the other`,
          },
        ],
      );
    }
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
    const tradeMode = filing.tradeMode ?? GENERAL_TRADE;
    const required = this.routing.required(filing, earned.traderStatus);
    let refusal: string | null = null;
    let approvals: ApprovalOnRecord[] = [];
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
      // granted approvals the new version still needs stay granted; the others are requested for it
      const routed = approvalsAfterAmendment(latest.approvals ?? [], required, version, at);
      approvals = routed.approvals;
      const requested = this.events.create(
        'ApprovalsRequested',
        approvalsRequestedOf(
          { shipmentId, declarationId: id, importerId: latest.importerId, tradeMode },
          version,
          accepted,
          asRequested(routed.requested),
        ),
        { causedBy: amended },
      );
      const status: DeclarationStatus = 'accepted';
      const still = paid ? 'paid' : 'to be paid before release';
      const note = (text: string) => ({ status: 'amended', at, by: 'customs', reason: text });
      return {
        change: {
          set: {
            filing: { ...filing },
            duty,
            tradeMode,
            greenChannel,
            greenChannelGrounds: groundsOf(earned),
            traderStatus: earned.traderStatus,
            approvals,
            version,
            status,
            inspectionCleared: false,
            paid,
          },
          push: {
            statusHistory: {
              $each: [
                { status: 'amended', at, by: importer.party, reason },
                ...earned.notes.map(note),
                ...(routed.kept.length > 0
                  ? [note(`approvals kept: ${routed.kept.map((a) => `${nameOf(a)} ${a.status}`).join(', ')}`)]
                  : []),
                ...(routed.requested.length > 0
                  ? [
                      note(
                        `approvals requested for version ${version}: ${describeApprovals(routed.requested)}`,
                      ),
                    ]
                  : []),
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
              approvals: latest.approvals ?? [],
              greenChannel: latest.greenChannel,
              replacedAt: at,
              reason,
            },
          },
          unset: ['riskChannel', 'inspectionTaskId'],
        },
        events: [amended, assessed, requested],
      };
    });
    if (!applied) throw new DomainError('DECLARATION.NOT_AMENDABLE', refusal ?? 'the declaration is gone');
    const status: DeclarationStatus = 'accepted';
    return {
      id,
      shipmentId,
      version,
      status,
      statusCode: statusCodeOf(status),
      paid,
      tradeMode,
      greenChannel,
      greenChannelNotes: earned.notes,
      approvals: approvals.map(({ agency, step, status: approval }) => ({ agency, step, status: approval })),
      duty,
    };
  }
}

import { HttpStatus, Injectable } from '@nestjs/common';
import { Clock } from '@tongguan/clock';
import { shipmentIdOf, type CloudEvent } from '@tongguan/contracts';
import { EventFactory } from '@tongguan/messaging';
import { ConcurrentModificationError } from '@tongguan/persistence';
import { DomainError, NotFoundError } from '@tongguan/platform';
import type { VesselCall } from '../vessel-calls/vessel-call.schema';
import { VesselCallsService } from '../vessel-calls/vessel-calls.service';
import { decideDischarge } from './bill-of-lading-rules';
import type { BillOfLading } from './bill-of-lading.schema';
import { BillOfLadingRepository } from './bill-of-lading.repository';

/**
 * Discharge, per B/L or per container (rules in bill-of-lading-rules). When the last container of a
 * B/L is off the vessel, CargoArrived [TRS T0] is staged in the same write that marks it discharged,
 * with an id derived from the shipment, so repeats and races announce the arrival once. The first
 * discharge of a call is its actual time of arrival unless the port reported one.
 */
@Injectable()
export class DischargesService {
  constructor(
    private readonly bills: BillOfLadingRepository,
    private readonly calls: VesselCallsService,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async dischargeBill(vesselCallId: string, blNumber: string, correlationId?: string): Promise<BillOfLading> {
    const shipmentId = shipmentIdOf(blNumber);
    const call = await this.calls.get(vesselCallId);
    const bill = await this.bills.find(shipmentId);
    if (!bill || bill.vesselCallId !== vesselCallId || bill.withdrawnAt) {
      throw new NotFoundError('bill of lading', `${shipmentId} on vessel call ${vesselCallId}`);
    }
    const changed = await this.discharge(call, bill._id, bill.containerNumbers, correlationId);
    return changed ? ((await this.bills.find(shipmentId)) ?? bill) : bill;
  }

  /** Discharges one container for every B/L of the call that carries it (several when consolidated). */
  async dischargeContainer(
    vesselCallId: string,
    containerNumber: string,
    correlationId?: string,
  ): Promise<{ containerNumber: string; billsOfLading: BillOfLading[] }> {
    const call = await this.calls.get(vesselCallId);
    const bills = await this.bills.carrying(vesselCallId, containerNumber);
    if (bills.length === 0) {
      throw new NotFoundError(
        'container',
        `${containerNumber} on the manifest of vessel call ${vesselCallId}`,
      );
    }
    const discharged: BillOfLading[] = [];
    for (const bill of bills) {
      const changed = await this.discharge(call, bill._id, [containerNumber], correlationId);
      discharged.push(changed ? ((await this.bills.find(bill._id)) ?? bill) : bill);
    }
    return { containerNumber, billsOfLading: discharged };
  }

  /** Load, decide, save guarded by the revision; true when the B/L changed. */
  private async discharge(
    call: VesselCall,
    shipmentId: string,
    containers: string[],
    correlationId?: string,
  ): Promise<boolean> {
    let at = this.clock.now();
    try {
      const { applied } = await this.bills.modify(shipmentId, (bill) => {
        const step = decideDischarge(bill, containers);
        if (!step) return null;
        const arrived = step.complete ? this.arrival(call, bill, correlationId) : null;
        at = arrived ? new Date(arrived.time) : this.clock.now();
        return {
          change: {
            set: {
              dischargedContainers: step.dischargedContainers,
              ...(arrived ? { dischargedAt: at } : {}),
            },
          },
          events: arrived ? [arrived] : [],
        };
      });
      if (applied) await this.calls.recordFirstDischarge(call, at);
      return applied;
    } catch (error) {
      if (!(error instanceof ConcurrentModificationError)) throw error;
      throw new DomainError(
        'DISCHARGE.CONCURRENT_CHANGE',
        `${shipmentId} kept changing under concurrent discharges; send the discharge again`,
        HttpStatus.CONFLICT,
      );
    }
  }

  private arrival(call: VesselCall, bill: BillOfLading, correlationId?: string): CloudEvent {
    return this.events.create(
      'CargoArrived',
      {
        shipmentId: bill._id,
        vesselCallId: call._id,
        vesselName: call.vesselName,
        voyage: call.voyage,
        containerNumbers: bill.containerNumbers,
        packages: bill.packages,
        grossWeightKg: bill.grossWeightKg,
      },
      { correlationId, decision: `cargo-arrived:${bill._id}` },
    );
  }
}

import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Clock } from '@tongguan/clock';
import { shipmentIdOf } from '@tongguan/contracts';
import { EventFactory, OutboxRelay } from '@tongguan/messaging';
import { stageEvents, withState } from '@tongguan/persistence';
import { DomainError, NotFoundError } from '@tongguan/platform';
import type { FilterQuery, Model, UpdateQuery } from 'mongoose';
import type { VesselCall } from '../vessel-calls/vessel-call.schema';
import { VesselCallsService } from '../vessel-calls/vessel-calls.service';
import { BillOfLading } from './bill-of-lading.schema';

const HIDDEN = { outbox: 0, outboxPending: 0 } as const;
/** Concurrent discharges of one B/L's containers retry on the fresh state this many times. */
const ATTEMPTS = 5;

/**
 * Discharge, per B/L or per container. A B/L's cargo has arrived [TRS T0] when the last of its
 * containers is off the vessel (at once for a B/L discharged whole or without containers): then, and
 * only then, CargoArrived is staged in the same write that marks it discharged, with an id derived from
 * the shipment, so repeats and races announce the arrival once. The first discharge of a call is its
 * actual time of arrival unless the port reported one.
 */
@Injectable()
export class DischargesService {
  constructor(
    @InjectModel(BillOfLading.name) private readonly bills: Model<BillOfLading>,
    private readonly calls: VesselCallsService,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  async dischargeBill(vesselCallId: string, blNumber: string, correlationId?: string): Promise<BillOfLading> {
    const shipmentId = shipmentIdOf(blNumber);
    const call = await this.calls.get(vesselCallId);
    const bill = await this.bills.findOne({ _id: shipmentId, vesselCallId }, HIDDEN).lean();
    if (!bill) throw new NotFoundError('bill of lading', `${shipmentId} on vessel call ${vesselCallId}`);
    await this.discharge(call, bill, bill.containerNumbers, correlationId);
    return (await this.bills.findById(shipmentId, HIDDEN).lean()) ?? bill;
  }

  /** Discharges one container for every B/L of the call that carries it (several when consolidated). */
  async dischargeContainer(
    vesselCallId: string,
    containerNumber: string,
    correlationId?: string,
  ): Promise<{ containerNumber: string; billsOfLading: BillOfLading[] }> {
    const call = await this.calls.get(vesselCallId);
    const filter: FilterQuery<BillOfLading> = { vesselCallId, containerNumbers: containerNumber };
    const bills = await this.bills.find(filter, HIDDEN).lean();
    if (bills.length === 0) {
      throw new NotFoundError(
        'container',
        `${containerNumber} on the manifest of vessel call ${vesselCallId}`,
      );
    }
    for (const bill of bills) await this.discharge(call, bill, [containerNumber], correlationId);
    return {
      containerNumber,
      billsOfLading: await this.bills.find(filter, HIDDEN).sort({ _id: 1 }).lean(),
    };
  }

  private async discharge(
    call: VesselCall,
    initial: BillOfLading,
    containers: string[],
    correlationId?: string,
  ): Promise<void> {
    let bill: BillOfLading | null = initial;
    for (let attempt = 1; bill && !bill.dischargedAt; attempt++) {
      const before = bill.dischargedContainers ?? [];
      const after = [...new Set([...before, ...containers])];
      if (after.length === before.length && before.length > 0) return; // nothing new off the vessel
      const complete = bill.containerNumbers.every((container) => after.includes(container));
      const arrived = complete ? this.arrival(call, bill, correlationId) : null;
      const at = arrived ? new Date(arrived.time) : this.clock.now();
      const update: UpdateQuery<BillOfLading> = arrived
        ? withState(stageEvents([arrived]), {
            dischargedAt: at,
            dischargedContainers: after,
          })
        : { $set: { dischargedContainers: after } };
      // guarded by the state read: a concurrent discharge of another container makes this one retry
      const written = await this.bills.updateOne(
        {
          _id: bill._id,
          dischargedAt: { $exists: false },
          ...(before.length > 0
            ? { dischargedContainers: { $size: before.length } }
            : {
                $or: [{ dischargedContainers: { $size: 0 } }, { dischargedContainers: { $exists: false } }],
              }),
        },
        update,
      );
      if (written.modifiedCount === 1) {
        if (complete) this.relay.nudge();
        await this.calls.recordArrival(call._id, at);
        return;
      }
      if (attempt >= ATTEMPTS) {
        throw new DomainError(
          'DISCHARGE.CONCURRENT_CHANGE',
          `${bill._id} kept changing under concurrent discharges; send the discharge again`,
          HttpStatus.CONFLICT,
        );
      }
      bill = await this.bills.findById(bill._id, HIDDEN).lean();
    }
  }

  private arrival(call: VesselCall, bill: BillOfLading, correlationId?: string) {
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

import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { shipmentIdOf, type CloudEvent } from '@tongguan/contracts';
import { EventFactory, OutboxRelay, stageEvents, withState, type OutboxModel } from '@tongguan/messaging';
import { DomainError, NotFoundError } from '@tongguan/platform';
import type { Model } from 'mongoose';
import { VesselCallsService } from '../vessel-calls/vessel-calls.service';
import { BillOfLading } from './bill-of-lading.schema';
import type { FileManifestDto } from './manifest.dto';

@Injectable()
export class BillsOfLadingService implements OnModuleInit {
  constructor(
    @InjectModel(BillOfLading.name) private readonly bills: Model<BillOfLading>,
    private readonly calls: VesselCallsService,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.bills as unknown as OutboxModel);
  }

  /** Files the manifest lines of a call; a B/L already manifested on another call is refused, listed. */
  async fileManifest(
    vesselCallId: string,
    dto: FileManifestDto,
  ): Promise<{ vesselCallId: string; shipmentIds: string[] }> {
    await this.calls.get(vesselCallId);
    const lines = dto.billsOfLading.map((line) => ({ ...line, _id: shipmentIdOf(line.blNumber) }));
    const ids = lines.map((l) => l._id);
    const problems = ids
      .map((id, i) => ({ id, i }))
      .filter(({ id, i }) => ids.indexOf(id) !== i)
      .map(({ id, i }) => ({
        path: `billsOfLading.${i}.blNumber`,
        code: 'DUPLICATE_IN_MANIFEST',
        message: `${id} appears twice`,
      }));
    const elsewhere = await this.bills
      .find({ _id: { $in: ids }, vesselCallId: { $ne: vesselCallId } }, { _id: 1 })
      .lean();
    for (const { _id } of elsewhere) {
      problems.push({
        path: `billsOfLading.${ids.indexOf(_id)}.blNumber`,
        code: 'ALREADY_MANIFESTED',
        message: `${_id} is on another vessel call`,
      });
    }
    if (problems.length > 0) {
      throw new DomainError(
        'MANIFEST.REJECTED',
        'manifest has deficiencies',
        HttpStatus.UNPROCESSABLE_ENTITY,
        problems,
      );
    }
    await this.bills.bulkWrite(
      lines.map((line) => ({
        updateOne: {
          filter: { _id: line._id },
          update: {
            $set: {
              blNumber: line._id,
              vesselCallId,
              consignee: line.consignee,
              containerNumbers: line.containerNumbers,
              packages: line.packages,
              grossWeightKg: line.grossWeightKg,
            },
          },
          upsert: true,
        },
      })),
    );
    return { vesselCallId, shipmentIds: ids };
  }

  /** Discharge of one B/L's cargo: the TRS arrival. Discharging twice announces the arrival once. */
  async discharge(vesselCallId: string, blNumber: string, correlationId?: string): Promise<BillOfLading> {
    const shipmentId = shipmentIdOf(blNumber);
    const call = await this.calls.get(vesselCallId);
    const bill = await this.bills.findOne({ _id: shipmentId, vesselCallId }).lean();
    if (!bill) throw new NotFoundError('bill of lading', `${shipmentId} on vessel call ${vesselCallId}`);
    if (bill.dischargedAt) return bill;
    const event = this.events.create(
      'CargoArrived',
      {
        shipmentId,
        vesselCallId,
        vesselName: call.vesselName,
        voyage: call.voyage,
        containerNumbers: bill.containerNumbers,
        packages: bill.packages,
        grossWeightKg: bill.grossWeightKg,
      },
      { correlationId },
    );
    const at = new Date(event.time);
    const updated = await this.bills.findOneAndUpdate(
      { _id: shipmentId, dischargedAt: { $exists: false } },
      withState(stageEvents([event]), { dischargedAt: at }),
      { new: true, lean: true },
    );
    this.relay.nudge();
    await this.calls.recordArrival(vesselCallId, at);
    return updated ?? (await this.get(shipmentId));
  }

  async get(blNumber: string): Promise<BillOfLading> {
    const shipmentId = shipmentIdOf(blNumber);
    const bill = await this.bills.findById(shipmentId, { outbox: 0, outboxPending: 0 }).lean();
    if (!bill) throw new NotFoundError('bill of lading', shipmentId);
    return bill;
  }

  /** Records the gate-out once, atomically with its event; false when the cargo already left. */
  async recordGateOut(shipmentId: string, event: CloudEvent): Promise<boolean> {
    const updated = await this.bills.updateOne(
      { _id: shipmentId, gateOutAt: { $exists: false } },
      withState(stageEvents([event]), { gateOutAt: new Date(event.time) }),
    );
    this.relay.nudge();
    return updated.modifiedCount === 1;
  }
}

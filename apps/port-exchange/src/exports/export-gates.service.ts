import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { shipmentIdOf } from '@tongguan/contracts';
import { EventFactory, OutboxRelay } from '@tongguan/messaging';
import { DomainError, NotFoundError } from '@tongguan/platform';
import { randomUUID } from 'node:crypto';
import { ExportGateRefusalRepository, ExportShipmentRepository } from './export-records.repository';
import { exportGateInRefusals } from './export-rules';
import type { ExportGateInDto } from './exports.dto';

/**
 * The export gate: containers come into the terminal only against an accepted export declaration
 * [TRS export arrival]. A refusal is kept on record with its ExportGateInRefused and answered 409 with
 * every reason.
 */
@Injectable()
export class ExportGatesService implements OnModuleInit {
  constructor(
    private readonly shipments: ExportShipmentRepository,
    private readonly refusals: ExportGateRefusalRepository,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.shipments.outboxModel);
    this.relay.watch(this.refusals.outboxModel);
  }

  async gateIn(dto: ExportGateInDto, correlationId?: string) {
    const shipmentId = shipmentIdOf(dto.blNumber);
    const containerNumbers = [...new Set(dto.containerNumbers)];
    const { truckPlate } = dto;
    const gateTransactionId = randomUUID();
    let reasons: string[] = [];
    let at: Date | undefined;
    const { applied } = await this.shipments.modify(shipmentId, (shipment) => {
      reasons = exportGateInRefusals(shipmentId, shipment, containerNumbers).map((r) => r.message);
      if (reasons.length > 0) return null;
      const event = this.events.create(
        'ExportGateInRecorded',
        {
          shipmentId,
          gateTransactionId,
          declarationId: shipment.declarationId,
          containerNumbers,
          truckPlate,
        },
        { correlationId },
      );
      at = new Date(event.time);
      return {
        change: {
          push: {
            containerNumbers: { $each: containerNumbers },
            gateIns: { gateTransactionId, containerNumbers, truckPlate, at },
          },
        },
        events: [event],
      };
    });
    if (applied)
      return { gateTransactionId, shipmentId, containerNumbers, truckPlate, status: 'recorded', at };
    if (reasons.length === 0)
      reasons = exportGateInRefusals(shipmentId, null, containerNumbers).map((r) => r.message);
    const refused = this.events.create(
      'ExportGateInRefused',
      { shipmentId, gateTransactionId, containerNumbers, truckPlate, reasons },
      { correlationId },
    );
    await this.refusals.insert(
      {
        _id: gateTransactionId,
        shipmentId,
        containerNumbers,
        truckPlate,
        reasons,
        at: new Date(refused.time),
      },
      [refused],
    );
    throw new DomainError(
      'EXPORT_GATE.IN_REFUSED',
      `export gate-in refused: ${reasons.join('; ')}`,
      HttpStatus.CONFLICT,
      reasons.map((message) => ({ path: 'blNumber', code: 'EXPORT_GATE_IN_REFUSED', message })),
    );
  }

  /** What the terminal knows of an export shipment: declaration, release for loading, containers in. */
  async get(blNumber: string) {
    const shipmentId = shipmentIdOf(blNumber);
    const shipment = await this.shipments.findById(shipmentId);
    if (!shipment) throw new NotFoundError('export shipment', shipmentId);
    const {
      declarationId,
      exporterId,
      open,
      closedReason,
      acceptedAt,
      releasedForLoadingAt,
      containerNumbers,
    } = shipment;
    return {
      shipmentId,
      declarationId,
      exporterId,
      open,
      ...(closedReason ? { closedReason } : {}),
      acceptedAt,
      releasedForLoading: releasedForLoadingAt !== undefined,
      ...(releasedForLoadingAt ? { releasedForLoadingAt } : {}),
      containerNumbers,
    };
  }
}

import { randomUUID } from 'node:crypto';
import { ShipmentStory } from './importer-notifications.fixtures';

const CONTAINERS = ['MSKU7750217'];

/**
 * An export shipment's events as the services publish them: the declaration with direction export (its
 * owner, `importerId`, is the exporter), then the export gate, the release for loading, the loading list
 * and the departure. The declaration's later events are ShipmentStory's.
 */
export class ExportStory extends ShipmentStory {
  override lodged() {
    return this.tap.publish('DeclarationLodged', {
      ...this.declaration,
      importerId: this.importerId,
      filerId: this.filerId,
      greenChannel: false,
      direction: 'export',
    });
  }

  gateInRefused() {
    return this.tap.publish('ExportGateInRefused', {
      shipmentId: this.shipmentId,
      gateTransactionId: randomUUID(),
      containerNumbers: CONTAINERS,
      truckPlate: '粤B54321',
      reasons: ['no accepted export declaration for this shipment'],
    });
  }

  gateIn() {
    return this.tap.publish('ExportGateInRecorded', {
      ...this.declaration,
      gateTransactionId: randomUUID(),
      containerNumbers: CONTAINERS,
      truckPlate: '粤B54321',
    });
  }

  releasedForLoading() {
    return this.tap.publish('ReleasedForLoading', { ...this.declaration, exporterId: this.importerId });
  }

  loadingIncident(vesselCallId: string) {
    return this.tap.publish('LoadingIncident', {
      shipmentId: this.shipmentId,
      vesselCallId,
      containerNumber: CONTAINERS[0],
      kind: 'not-released-for-loading',
      reason: 'loaded before customs released it for loading',
    });
  }

  departed(vesselCallId: string) {
    return this.tap.publish('GoodsDeparted', {
      shipmentId: this.shipmentId,
      vesselCallId,
      vesselName: 'COSCO SHIPPING ARIES',
      voyage: '043W',
      containerNumbers: CONTAINERS,
    });
  }
}

/** The event types an exporter subscribes to: every status change of its export shipments. */
export const EXPORTER_NOTIFICATIONS = [
  'DeclarationLodged',
  'DeclarationAccepted',
  'DutyAssessed',
  'RiskAssessed',
  'DeclarationStatusChanged',
  'PaymentRequested',
  'PaymentSettled',
  'ExportGateInRecorded',
  'ExportGateInRefused',
  'ReleasedForLoading',
  'LoadingIncident',
  'GoodsDeparted',
];

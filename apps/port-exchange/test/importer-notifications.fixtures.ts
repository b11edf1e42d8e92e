import type { EventTap } from '@tongguan/testing';
import { randomUUID } from 'node:crypto';

const ITEMS = [{ hsCode: '3004909000', originCountry: 'DE', customsValueMinor: 4_800_000 }];

/**
 * One shipment's events as the platform's services publish them, each returning its ce_id: the manifest
 * line names the consignee, the declaration its owner and the party that lodged it (itself or a broker).
 */
export class ShipmentStory {
  readonly declarationId: string;

  constructor(
    protected readonly tap: EventTap,
    readonly shipmentId: string,
    readonly importerId: string,
    readonly filerId: string = importerId,
  ) {
    this.declarationId = `D-${shipmentId}`;
  }

  protected get declaration() {
    return { shipmentId: this.shipmentId, declarationId: this.declarationId };
  }

  manifested(consignee = this.importerId) {
    return this.tap.publish('BillOfLadingManifested', {
      shipmentId: this.shipmentId,
      blNumber: this.shipmentId,
      vesselCallId: randomUUID(),
      carrierPartyId: 'CARRIER-1',
      consigneePartyId: consignee,
      revision: 1,
    });
  }

  arrived() {
    return this.tap.publish('CargoArrived', {
      shipmentId: this.shipmentId,
      vesselCallId: randomUUID(),
      vesselName: 'COSCO SHIPPING ARIES',
      voyage: '042E',
      containerNumbers: ['CSQU3054383'],
      packages: 40,
      grossWeightKg: 5200,
    });
  }

  lodged() {
    return this.tap.publish('DeclarationLodged', {
      ...this.declaration,
      importerId: this.importerId,
      filerId: this.filerId,
      greenChannel: false,
    });
  }

  approvalsRequested(approvals: [agency: string, step: string][]) {
    return this.tap.publish('ApprovalsRequested', {
      ...this.declaration,
      declarationVersion: 1,
      importerId: this.importerId,
      greenChannel: false,
      tradeMode: '0110',
      currency: 'EUR',
      items: ITEMS,
      approvals: approvals.map(([agency, step]) => ({ agency, step, ruleIds: [`medicines-${agency}`] })),
    });
  }

  agencyDecided(agency: string, step: string, outcome: 'approved' | 'refused' | 'deemed-approved') {
    return this.tap.publish('AgencyDecisionRecorded', {
      ...this.declaration,
      taskId: `T-${agency}-${this.shipmentId}`,
      agency,
      step,
      outcome,
      decidedBy: outcome === 'deemed-approved' ? 'tacit-approval' : `OFFICER-${agency}-7`,
      openedAt: '2026-12-01T08:00:00Z',
      dueAt: '2026-12-02T08:00:00Z',
      limitHours: 24,
      decisionHours: 6.5,
      traderWaitHours: 0,
      withinLimit: true,
      greenChannel: false,
      reasons: outcome === 'refused' ? ['the import licence has expired'] : [],
    });
  }

  accepted() {
    return this.tap.publish('DeclarationAccepted', {
      ...this.declaration,
      importerId: this.importerId,
      currency: 'EUR',
      items: ITEMS,
      greenChannel: false,
    });
  }

  dutyAssessed() {
    return this.tap.publish('DutyAssessed', {
      ...this.declaration,
      importerId: this.importerId,
      declarationVersion: 1,
      currency: 'CNY',
      dutyMinor: 0,
      vatMinor: 624_000,
      totalMinor: 624_000,
    });
  }

  riskAssessed() {
    return this.tap.publish('RiskAssessed', {
      ...this.declaration,
      assessmentId: randomUUID(),
      channel: 'YELLOW',
      score: 61,
      reasons: ['origin on the watch list'],
      taskId: `T-inspection-${this.shipmentId}`,
    });
  }

  documentsRequested() {
    return this.tap.publish('DocumentsRequested', {
      ...this.declaration,
      taskId: `T-inspection-${this.shipmentId}`,
      requestId: randomUUID(),
      officerId: 'OFFICER-CIQ-3',
      documents: [{ code: 'GMP_CERTIFICATE', description: 'the manufacturer’s GMP certificate' }],
    });
  }

  statusChanged(status: 'documents-required' | 'accepted') {
    return this.tap.publish('DeclarationStatusChanged', {
      ...this.declaration,
      importerId: this.importerId,
      status,
      reason: 'inspection asked for documents',
    });
  }

  paymentRequested() {
    return this.tap.publish('PaymentRequested', {
      ...this.declaration,
      declarationVersion: 1,
      assessedMinor: 624_000,
      dutiesAndTaxesMinor: 624_000,
      paymentId: `P-${this.shipmentId}`,
      importerId: this.importerId,
      currency: 'CNY',
      lines: [{ code: 'VAT', description: 'import VAT', amountMinor: 624_000 }],
      totalMinor: 624_000,
    });
  }

  paymentSettled() {
    return this.tap.publish('PaymentSettled', {
      ...this.declaration,
      declarationVersion: 1,
      assessedMinor: 624_000,
      dutiesAndTaxesMinor: 624_000,
      paymentId: `P-${this.shipmentId}`,
      importerId: this.importerId,
      currency: 'CNY',
      amountMinor: 624_000,
      method: 'gateway',
      receiptNumber: `R-${this.shipmentId}`,
    });
  }

  released() {
    return this.tap.publish('ShipmentReleased', { ...this.declaration, importerId: this.importerId });
  }

  withdrawn() {
    return this.tap.publish('DeclarationWithdrawn', {
      ...this.declaration,
      importerId: this.importerId,
      reason: 'declared under the wrong HS code',
    });
  }

  gateOut() {
    return this.tap.publish('GateOutRecorded', {
      shipmentId: this.shipmentId,
      gateTransactionId: randomUUID(),
      containerNumbers: ['CSQU3054383'],
      truckPlate: '粤B12345',
    });
  }

  complaintEscalated(agency: string) {
    return this.tap.publish('ComplaintEscalated', {
      shipmentId: this.shipmentId,
      complaintId: `C-${this.shipmentId}`,
      agency,
      step: 'licence-verification',
      importerId: this.importerId,
      filedAt: '2026-12-02T09:00:00Z',
      dueAt: '2026-12-03T09:00:00Z',
      ownerId: `SUPERVISOR-${agency}-1`,
    });
  }
}

/** The event types an importer subscribes to: every status change of its shipments. */
export const IMPORTER_NOTIFICATIONS = [
  'BillOfLadingManifested',
  'CargoArrived',
  'DeclarationLodged',
  'ApprovalsRequested',
  'AgencyDecisionRecorded',
  'DeclarationAccepted',
  'DutyAssessed',
  'RiskAssessed',
  'DocumentsRequested',
  'DeclarationStatusChanged',
  'PaymentRequested',
  'PaymentSettled',
  'ShipmentReleased',
  'ReleaseRefused',
  'DeclarationWithdrawn',
  'GateOutRecorded',
  'ComplaintEscalated',
];

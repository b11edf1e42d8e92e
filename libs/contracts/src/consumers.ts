import { Events, type EventName } from './event-catalog';
import type { ServiceName } from './event-definition';

const ALL_EVENTS = Object.keys(Events) as EventName[];

/**
 * Which service consumes which events, each in its own consumer group. The AsyncAPI document's
 * receive operations are generated from it; each app's consumed-events spec keeps it equal to the
 * app's @OnEvent handlers.
 */
export const EventConsumers: Record<ServiceName, readonly EventName[]> = {
  declaration: [
    'AgencyDecisionRecorded',
    'BillOfLadingAmended',
    'BillOfLadingManifested',
    'BillOfLadingWithdrawn',
    'DocumentsRequested',
    'ExportGateInRecorded',
    'GateOutRecorded',
    'GoodsDeparted',
    'InspectionCompleted',
    'InspectionDeemedApproved',
    'PaymentSettled',
    'RiskAssessed',
  ],
  inspection: [
    'ApprovalsRequested',
    'DeclarationAccepted',
    'DeclarationAmended',
    'DeclarationStatusChanged',
    'DeclarationWithdrawn',
    'DocumentsSubmitted',
    'InspectionCompleted',
    'InspectionDeemedApproved',
    'ReleaseRefused',
  ],
  'logistics-trading': ['CargoArrived', 'DeclarationWithdrawn', 'DutyAssessed', 'ShipmentReleased'],
  // its event log keeps every event of the catalog for the agency feeds
  'port-exchange': ALL_EVENTS,
  // every shipment fact for the timelines and the audit trail, not its own alerts
  'clearance-monitor': ALL_EVENTS.filter((name) => Events[name].source !== 'clearance-monitor'),
};

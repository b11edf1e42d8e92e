import { openSetSchema, type OpenEntry } from '@tongguan/persistence';

/**
 * The open set of shipments in flight (_id = shipmentId), with their arrival: the SLA scan reads these
 * (as many as shipments in flight) and then their timelines by _id, instead of scanning every timeline
 * ever stored for the ones not yet released.
 */
export type InFlightShipment = OpenEntry<{ arrivedAt: Date }>;

export const IN_FLIGHT_SHIPMENT = 'InFlightShipment';

export const InFlightShipmentSchema = openSetSchema('in_flight_shipments', { arrivedAt: Date });

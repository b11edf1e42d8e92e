import { Matches } from 'class-validator';
import { BL_NUMBER_PATTERN } from './shipment-id';

/** Every payload names its shipment; the message key and ce_subject carry the same id. */
export abstract class ShipmentPayload {
  @Matches(BL_NUMBER_PATTERN, { message: 'shipmentId must be a normalised bill of lading number' })
  shipmentId: string;
}

export const CHANNELS = ['GREEN', 'YELLOW', 'RED'] as const;
export type RiskChannel = (typeof CHANNELS)[number];

export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

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

/**
 * A party id (a trader, broker, carrier or terminal), as the JWT party claim carries it: letters, digits,
 * dot, dash and underscore, at most 64.
 */
export const PARTY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** An agency or step id of the agency registry (config/agencies.json): lower case, digits and dashes. */
export const AGENCY_ID_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;

/**
 * Which way the goods cross the border. A declaration without `direction` is an import: every
 * declaration before exports existed was one.
 */
export const DIRECTIONS = ['import', 'export'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** An ISO 6346 container number: owner code, category, serial, check digit. */
export const CONTAINER_NUMBER_PATTERN = /^[A-Z]{3}[UJZ]\d{7}$/;

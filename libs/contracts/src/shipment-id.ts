/**
 * A shipment is one consignment under one transport document, so its id is the bill of lading number
 * normalised (trimmed, upper case): the manifest and a declaration filed before or after it name the
 * same shipment without asking another service.
 */
export const BL_NUMBER_PATTERN = /^[A-Z0-9][A-Z0-9-]{3,34}$/;

export function normaliseBlNumber(blNumber: string): string {
  return blNumber.trim().toUpperCase();
}

export function shipmentIdOf(blNumber: string): string {
  const normalised = normaliseBlNumber(blNumber);
  if (!BL_NUMBER_PATTERN.test(normalised)) {
    throw new Error(`"${blNumber}" is not a bill of lading number (4-35 letters, digits or dashes)`);
  }
  return normalised;
}

import { containerCheckDigit, socialCreditCheckChar } from '@tongguan/contracts';

/** An ISO 6346 container number with its check digit, derived from the B/L so that it is stable. */
export function containerNumber(blNumber: string): string {
  let serial = 0;
  for (const ch of blNumber) serial = (serial * 31 + ch.charCodeAt(0)) % 1_000_000;
  const body = `SIMU${String(serial).padStart(6, '0')}`;
  return `${body}${containerCheckDigit(body)}`;
}

/**
 * A simulated trader's registration with customs, derived from its party id so that it is stable: a
 * Shenzhen unified social credit code (check character included) and customs code.
 */
export function registrationOf(partyId: string): { socialCreditCode: string; customsCode: string } {
  const serial = partyId.replace(/\D/g, '').padStart(6, '0').slice(-6);
  const first17 = `91440300MA5${serial}`;
  return {
    socialCreditCode: `${first17}${socialCreditCheckChar(first17)}`,
    customsCode: `440316${serial.slice(-4)}`,
  };
}

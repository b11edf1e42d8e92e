import { IsInt, IsString, Length, Min } from 'class-validator';
import { ShipmentPayload } from '../common';

/**
 * What a payment is for: one declaration (by id, never by shipment), the version whose assessment it
 * was billed against, that version's assessed duties and taxes, and the part of them it collects. The
 * declaration service counts `dutiesAndTaxesMinor` of every settlement of a declaration against the
 * assessment of its current version, and releases only when they cover it.
 */
export abstract class CoveredAssessmentPayload extends ShipmentPayload {
  @IsString() @Length(1, 64) declarationId: string;
  @IsInt() @Min(1) declarationVersion: number;
  /** Duty, VAT and other taxes customs assessed on that version (minor units). */
  @IsInt() @Min(0) assessedMinor: number;
  /** The part of the assessment this payment collects: all of it, or what earlier settlements left owing. */
  @IsInt() @Min(0) dutiesAndTaxesMinor: number;
}

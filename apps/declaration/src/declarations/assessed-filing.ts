import type { PayloadInput } from '@tongguan/contracts';
import { shipmentIdOf } from '@tongguan/contracts';
import { assessDuty, toMinor, type DutyAssessment, type DutyData } from '../duty/duty-calculator';
import { assessExportDuty } from '../exports/export-duty';
import type { GreenChannelGrounds } from './declaration.schema';
import type { LodgeDeclarationDto } from './lodge-declaration.dto';

/** What agencies learn of the filing (DeclarationAccepted/Amended), less the ids. */
export type AcceptedDataSet = Omit<
  PayloadInput<'DeclarationAccepted'>,
  'shipmentId' | 'declarationId' | 'importerId'
>;

export interface AssessedFiling {
  shipmentId: string;
  duty: DutyAssessment;
  accepted: AcceptedDataSet;
}

/** The green channel as the register decided it for the filing. */
export interface EarnedStatus {
  greenChannel: boolean;
  confirmed: GreenChannelGrounds['confirmed'];
}

/**
 * The data set agencies get: the lines with their customs value in minor units and declared licences
 * and certificates, and the green channel
 * with only the claims the register confirmed (a self-declared id is not passed on).
 */
export function acceptedDataSet(filing: LodgeDeclarationDto, green: EarnedStatus): AcceptedDataSet {
  return {
    currency: filing.currency,
    items: filing.items.map((item) => ({
      hsCode: item.hsCode,
      originCountry: item.originCountry,
      customsValueMinor: toMinor(item.customsValue, filing.currency),
      ...(item.documents?.length
        ? { documents: item.documents.map(({ code, number }) => ({ code, number })) }
        : {}),
    })),
    greenChannel: green.greenChannel,
    ...green.confirmed,
  };
}

/** What the declaration keeps of the register's decision. */
export function groundsOf(earned: {
  basis?: GreenChannelGrounds['basis'];
  reference?: string;
  notes: string[];
  confirmed: GreenChannelGrounds['confirmed'];
}): GreenChannelGrounds {
  return {
    ...(earned.basis ? { basis: earned.basis, reference: earned.reference } : {}),
    notes: earned.notes,
    confirmed: earned.confirmed,
  };
}

/** The customs reading of a valid filing: its shipment, duty and the data set agencies get. */
export function assessFiling(
  filing: LodgeDeclarationDto,
  data: DutyData,
  at: Date,
  green: EarnedStatus,
): AssessedFiling {
  const accepted = acceptedDataSet(filing, green);
  const dutiable = filing.items.map(({ quantity, unit, preference, dutyRegime }, i) => ({
    ...accepted.items[i],
    quantity,
    unit,
    preference,
    dutyRegime,
  }));
  return {
    shipmentId: shipmentIdOf(filing.blNumber),
    // an export owes export duty only where the tariff has one, and no VAT
    duty: (filing.direction === 'export' ? assessExportDuty : assessDuty)(
      dutiable,
      filing.currency,
      filing,
      data,
      at,
    ),
    accepted,
  };
}

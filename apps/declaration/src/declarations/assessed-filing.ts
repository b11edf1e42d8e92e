import type { PayloadInput } from '@tongguan/contracts';
import { shipmentIdOf } from '@tongguan/contracts';
import { assessDuty, toMinor, type DutyAssessment } from '../duty/duty-calculator';
import type { ExchangeRates } from '../duty/exchange-rates';
import type { Tariff } from '../duty/tariff';
import type { LodgeDeclarationDto } from './lodge-declaration.dto';

export interface AssessedFiling {
  shipmentId: string;
  greenChannel: boolean;
  duty: DutyAssessment;
  /** What agencies learn of the filing (DeclarationAccepted/Amended), less the ids. */
  accepted: Omit<PayloadInput<'DeclarationAccepted'>, 'shipmentId' | 'declarationId' | 'importerId'>;
}

/** The customs reading of a valid filing: its shipment, green channel, duty and the data set agencies get. */
export function assessFiling(
  filing: LodgeDeclarationDto,
  tariff: Tariff,
  rates: ExchangeRates,
  at: Date,
): AssessedFiling {
  const greenChannel = Boolean(filing.aeoTraderId || filing.majorProjectCode);
  const items = filing.items.map((item) => ({
    hsCode: item.hsCode,
    originCountry: item.originCountry,
    customsValueMinor: toMinor(item.customsValue, filing.currency),
  }));
  const dutiable = filing.items.map(({ quantity, unit }, i) => ({ ...items[i], quantity, unit }));
  return {
    shipmentId: shipmentIdOf(filing.blNumber),
    greenChannel,
    duty: assessDuty(dutiable, filing.currency, tariff, rates, at),
    accepted: {
      currency: filing.currency,
      items,
      greenChannel,
      ...(filing.aeoTraderId ? { aeoTraderId: filing.aeoTraderId } : {}),
      ...(filing.majorProjectCode ? { majorProjectCode: filing.majorProjectCode } : {}),
    },
  };
}

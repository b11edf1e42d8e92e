import type { FieldProblem } from '@tongguan/contracts';
import { exact } from '@tongguan/platform';
import {
  CERTIFICATE_OF_ORIGIN,
  DUTY_REGIME_RULES,
  PREFERENCE_NAMES,
  PREFERENCE_PARTNERS,
  SUPERVISION_DOCUMENTS,
} from '../code-lists/data-set-code-lists';
import type { SpecificDuty, TariffPeriod } from './tariff';

/** What a line declares that bears on its rate: its claim and origin, its regime, its documents. */
export interface ReliefClaim {
  originCountry?: unknown;
  preference?: unknown;
  dutyRegime?: unknown;
  documents?: unknown;
}

/** Why a line paid what it paid: the rate applied and the regime, in words and in codes. */
export interface DutyBasis {
  /** general: the tariff's rates; agreement: the conventional rate of the claimed agreement. */
  rate: 'general' | 'agreement';
  /** The agreement claimed, when the claim stands, and the certificate of origin that backs it. */
  agreement?: { code: string; name: string; certificate?: string };
  /** The duty regime, with the share of duty levied, whether VAT is, and the approval declared. */
  regime: { code: string; name: string; dutyShare: string; vatLevied: boolean; approval?: string };
  explanation: string;
}

/** The rates a line is assessed at, and why. */
export interface AppliedRates {
  adValoremRate?: string;
  specificDuty?: SpecificDuty;
  basis: DutyBasis;
}

const AS_TARIFF = '1';

function documentNumber(documents: unknown, code: string): string | undefined {
  if (!Array.isArray(documents)) return undefined;
  const found: unknown = documents.find(
    (d: unknown) => typeof d === 'object' && d !== null && (d as { code?: unknown }).code === code,
  );
  if (!found) return undefined;
  const number = (found as { number?: unknown }).number;
  return typeof number === 'string' ? number : '';
}

/** A claim is weighed only for goods of a partner: other origins are PREFERENCE_ORIGIN_MISMATCH already. */
function partnerClaim(item: ReliefClaim): string | undefined {
  const { preference, originCountry } = item;
  if (typeof preference !== 'string' || typeof originCountry !== 'string') return undefined;
  return PREFERENCE_PARTNERS.get(preference)?.includes(originCountry) ? preference : undefined;
}

/**
 * What an import line must show for its relief (runs on a line that may be malformed): a preference
 * needs the certificate of origin and an agreement rate for the line in force on `day`, so a trader
 * never pays less without the proof; a regime that customs grants case by case needs its approval.
 */
export function reliefProblems(
  item: ReliefClaim,
  path: string,
  inForce: TariffPeriod | undefined,
  day: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const claim = partnerClaim(item);
  if (claim !== undefined) {
    if (documentNumber(item.documents, CERTIFICATE_OF_ORIGIN) === undefined) {
      problems.push({
        path: `${path}.documents`,
        code: 'PREFERENCE_CERTIFICATE_MISSING',
        message: `agreement ${claim} is claimed: declare the certificate of origin (document ${CERTIFICATE_OF_ORIGIN}) or claim no preference`,
      });
    }
    if (inForce && inForce.agreementRates?.[claim] === undefined) {
      problems.push({
        path: `${path}.preference`,
        code: 'PREFERENCE_NO_RATE',
        message: `the tariff has no agreement ${claim} rate for this line on ${day}`,
      });
    }
  }
  const regime = typeof item.dutyRegime === 'string' ? DUTY_REGIME_RULES.get(item.dutyRegime) : undefined;
  const approval = regime?.approvalDocument;
  if (approval && documentNumber(item.documents, approval) === undefined) {
    problems.push({
      path: `${path}.documents`,
      code: 'DUTY_REGIME_APPROVAL_MISSING',
      message: `duty regime ${regime.code} (${regime.name}) requires document ${approval} (${SUPERVISION_DOCUMENTS.get(approval)})`,
    });
  }
  return problems;
}

/** a < b for decimal strings, exactly. */
function below(a: string, b: string): boolean {
  const x = exact(a);
  const y = exact(b);
  return x.units * 10n ** BigInt(y.scale) < y.units * 10n ** BigInt(x.scale);
}

/**
 * The rates an import line is assessed at: the agreement's rate when its claim stands (the lower
 * rate applies where the general one is a plain ad valorem rate below it, as the duty regulations
 * say), else the general rates; with the line's regime. The filing rules (reliefProblems) guarantee
 * the certificate, the approval and the agreement rate: a breach here is a programming error.
 */
export function appliedRates(item: ReliefClaim, inForce: TariffPeriod): AppliedRates {
  const code = typeof item.dutyRegime === 'string' ? item.dutyRegime : AS_TARIFF;
  const rule = DUTY_REGIME_RULES.get(code);
  if (!rule) throw new Error(`duty regime ${code} is not in the code list`);
  const approval = rule.approvalDocument && documentNumber(item.documents, rule.approvalDocument);
  if (rule.approvalDocument && approval === undefined) {
    throw new Error(`duty regime ${code} without its approval document ${rule.approvalDocument}`);
  }
  const regime = {
    code,
    name: rule.name,
    dutyShare: rule.dutyShare,
    vatLevied: rule.vatLevied,
    ...(approval ? { approval: `${rule.approvalDocument} ${approval}` } : {}),
  };
  const regimeWords =
    code === AS_TARIFF
      ? ''
      : `; duty regime ${code} (${rule.name}): ${rule.dutyShare} of the duty levied${rule.vatLevied ? '' : ', no VAT'}`;
  const general = {
    ...(inForce.adValoremRate !== undefined ? { adValoremRate: inForce.adValoremRate } : {}),
    ...(inForce.specificDuty ? { specificDuty: inForce.specificDuty } : {}),
  };
  const claim = partnerClaim(item);
  if (claim === undefined) {
    return { ...general, basis: { rate: 'general', regime, explanation: `general rate${regimeWords}` } };
  }
  const rate = inForce.agreementRates?.[claim];
  const certificate = documentNumber(item.documents, CERTIFICATE_OF_ORIGIN);
  if (rate === undefined || certificate === undefined) {
    throw new Error(`agreement ${claim} claimed without its rate or certificate of origin`);
  }
  const agreement = { code: claim, name: PREFERENCE_NAMES.get(claim) ?? claim, certificate };
  const generalLower =
    inForce.specificDuty === undefined &&
    inForce.adValoremRate !== undefined &&
    below(inForce.adValoremRate, rate);
  if (generalLower) {
    const explanation = `general rate ${inForce.adValoremRate}, lower than agreement ${claim} rate ${rate}${regimeWords}`;
    return { ...general, basis: { rate: 'general', agreement, regime, explanation } };
  }
  const explanation = `agreement ${claim} (${agreement.name}) rate ${rate}, certificate of origin ${certificate}${regimeWords}`;
  return { adValoremRate: rate, basis: { rate: 'agreement', agreement, regime, explanation } };
}

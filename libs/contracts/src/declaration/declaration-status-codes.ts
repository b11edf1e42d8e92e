import type { DeclarationStatus } from './declaration-status-changed.event';

/** A declaration status as a two-digit code, the way HMRC's CDS notifications number theirs. */
export interface DeclarationStatusCodeEntry {
  code: string;
  status: DeclarationStatus;
  en: string;
  'zh-CN': string;
  /** Where the number comes from: HMRC's function code, or a number of our own where HMRC has none. */
  basis: string;
}

/**
 * Every status has exactly one code (the Record makes a missing one a compile error). The numbers follow
 * HMRC's CDS function codes (01 accepted, 02 received, 03 rejected, 05 physical check, 06 documents,
 * 07 amended, 08 released, 10 cancelled, 16 goods exited) so a broker who knows CDS reads them at sight;
 * a refusal of release has no CDS code, so it takes 12, which CDS does not use.
 */
export const DECLARATION_STATUS_CODES: Readonly<Record<DeclarationStatus, DeclarationStatusCodeEntry>> = {
  accepted: entry('01', 'accepted', 'Accepted', '已接受', 'HMRC 01'),
  received: entry('02', 'received', 'Received', '已接收', 'HMRC 02'),
  rejected: entry('03', 'rejected', 'Rejected', '已退单', 'HMRC 03'),
  'under-physical-check': entry(
    '05',
    'under-physical-check',
    'Undergoing physical check',
    '查验中',
    'HMRC 05',
  ),
  'documents-required': entry(
    '06',
    'documents-required',
    'Additional documents required',
    '需补充单证',
    'HMRC 06',
  ),
  amended: entry('07', 'amended', 'Amended', '已修改', 'HMRC 07'),
  released: entry('08', 'released', 'Released', '已放行', 'HMRC 08'),
  cancelled: entry('10', 'cancelled', 'Cancelled', '已撤销', 'HMRC 10'),
  refused: entry('12', 'refused', 'Release refused', '不予放行', 'Tongguan (no CDS code)'),
  'goods-exited': entry('16', 'goods-exited', 'Goods have exited', '货物已离境', 'HMRC 16'),
};

function entry(
  code: string,
  status: DeclarationStatus,
  en: string,
  zh: string,
  basis: string,
): DeclarationStatusCodeEntry {
  return { code, status, en, 'zh-CN': zh, basis };
}

/** The code list in code order, as the API documents publish it. */
export const DECLARATION_STATUS_CODE_LIST: readonly DeclarationStatusCodeEntry[] = Object.values(
  DECLARATION_STATUS_CODES,
).sort((a, b) => a.code.localeCompare(b.code));

export function statusCodeOf(status: DeclarationStatus): string {
  return DECLARATION_STATUS_CODES[status].code;
}

/** A JSON Schema of the codes (one `const` per code, titled in both languages) for OpenAPI and AsyncAPI. */
export function declarationStatusCodeSchema(): Record<string, unknown> {
  return {
    type: 'string',
    description:
      'The declaration status as a two-digit code (HMRC CDS numbering where CDS has the status); ' +
      'the `status` word beside it says the same.',
    oneOf: DECLARATION_STATUS_CODE_LIST.map((e) => ({
      const: e.code,
      title: `${e.status}: ${e.en} / ${e['zh-CN']}`,
      description: e.basis,
    })),
  };
}

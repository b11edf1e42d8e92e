import { HttpStatus, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors, normaliseBlNumber, type FieldProblem } from '@tongguan/contracts';
import { DomainError } from '@tongguan/platform';
import { GENERAL_TRADE } from '../code-lists/code-lists';
import type { DutyData } from '../duty/duty-calculator';
import { loadExchangeRates } from '../duty/exchange-rates';
import { loadTariff } from '../duty/tariff';
import { VALUATION } from '../duty/valuation-settings';
import { dataSetProblems } from './data-set-rules';
import { crossFieldProblems } from './declaration-rules';
import { LodgeDeclarationDto } from './lodge-declaration.dto';

/**
 * One-time notification: field rules, code lists, cross-field and data-set rules and the duplicate check all run,
 * and every deficiency comes back in one 422.
 */
@Injectable()
export class FilingValidator {
  /** The dated tariff and exchange rates and the valuation defaults, read and checked at boot. */
  readonly dutyData: DutyData = { tariff: loadTariff(), rates: loadExchangeRates(), valuation: VALUATION };

  async validate(
    raw: unknown,
    isDuplicate: (shipmentId: string) => Promise<boolean>,
    /** Business time of the assessment: the exchange rates in force then must exist. */
    assessedAt: Date,
    /**
     * Whether the filer may declare the B/L (lodgement only): its problems are listed with the others;
     * a filer without the right is not told whether a declaration for the B/L is active.
     */
    rightProblems?: (shipmentId: string) => Promise<FieldProblem[]>,
    /** Rules of the filer's role and the filing's direction (lodgement only), listed with the others. */
    filerProblems?: (dto: Partial<LodgeDeclarationDto>) => FieldProblem[],
  ): Promise<LodgeDeclarationDto> {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw reject([{ path: '', code: 'NOT_AN_OBJECT', message: 'the declaration must be a JSON object' }]);
    }
    const dto = plainToInstance(LodgeDeclarationDto, raw);
    const problems = flattenValidationErrors(
      await validate(dto, { whitelist: true, forbidNonWhitelisted: true }),
    );
    problems.push(...crossFieldProblems(dto, this.dutyData, assessedAt));
    problems.push(...(filerProblems?.(dto) ?? []));
    problems.push(...dataSetProblems(dto, dto.direction === 'export' ? 'export' : 'import'));
    if (typeof dto.blNumber === 'string' && !problems.some((p) => p.path === 'blNumber')) {
      dto.blNumber = normaliseBlNumber(dto.blNumber);
      const refused = rightProblems ? await rightProblems(dto.blNumber) : [];
      problems.push(...refused);
      if (refused.length === 0 && (await isDuplicate(dto.blNumber))) problems.push(duplicateBl(dto.blNumber));
    }
    if (problems.length === 1 && problems[0].code === 'DUPLICATE_BL') throw this.duplicate(dto.blNumber);
    if (problems.length > 0) throw reject(problems);
    dto.tradeMode ??= GENERAL_TRADE;
    return withoutUndefined(dto);
  }

  /**
   * The 409 for an otherwise complete filing whose B/L another active declaration holds (or is being
   * lodged for): the same answer whether the check above or the claim at lodgement caught it. A filing
   * with other deficiencies too gets them all in one 422, DUPLICATE_BL among them.
   */
  duplicate(blNumber: string): DomainError {
    const problem = duplicateBl(blNumber);
    return new DomainError('DECLARATION.DUPLICATE_BL', problem.message, HttpStatus.CONFLICT, [problem]);
  }
}

/**
 * Optional fields a filing leaves out exist on the DTO's instances as undefined; stored, they would read
 * back as null. Removed in place (the instances stay what they are), so GET shows the filing as lodged.
 */
function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) value.forEach(withoutUndefined);
  else if (value !== null && typeof value === 'object') {
    const fields = value as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      if (fields[key] === undefined) delete fields[key];
      else withoutUndefined(fields[key]);
    }
  }
  return value;
}

function duplicateBl(blNumber: string): FieldProblem {
  return {
    path: 'blNumber',
    code: 'DUPLICATE_BL',
    message: `a declaration for B/L ${blNumber} is already active`,
  };
}

function reject(errors: FieldProblem[]): DomainError {
  return new DomainError(
    'DECLARATION.DEFICIENT',
    `the declaration has ${errors.length} deficienc${errors.length === 1 ? 'y' : 'ies'}; every one is listed`,
    HttpStatus.UNPROCESSABLE_ENTITY,
    errors,
  );
}

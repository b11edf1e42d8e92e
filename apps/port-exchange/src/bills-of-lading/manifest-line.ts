import {
  containerNumberProblem,
  flattenValidationErrors,
  normaliseContainerNumber,
  type FieldProblem,
} from '@tongguan/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ManifestLineDto, MAX_LINES_PER_MANIFEST } from './manifest.dto';

/** A checked manifest line: B/L number and container numbers normalised. */
export interface ManifestLine {
  blNumber: string;
  consignee: string;
  consigneePartyId: string;
  containerNumbers: string[];
  packages: number;
  grossWeightKg: number;
}

/** ISO 1496 containers are rated at most 36 t gross (a 45' high cube); more cannot be in the boxes. */
export const MAX_GROSS_KG_PER_CONTAINER = 36_000;

export interface LineCheck {
  line?: ManifestLine;
  problems: FieldProblem[];
}

const at = (prefix: string, path: string) => (prefix ? (path ? `${prefix}.${path}` : prefix) : path);

/**
 * Checks one bill of lading (from a JSON body, a JSON line or a CSV row) and lists every problem at
 * once, each container number on its own path (containerNumbers.2) so the sender sees which one.
 */
export function checkManifestLine(raw: unknown, prefix = ''): LineCheck {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      problems: [{ path: prefix, code: 'NOT_AN_OBJECT', message: 'a bill of lading must be a JSON object' }],
    };
  }
  const dto = plainToInstance(ManifestLineDto, raw);
  const problems = flattenValidationErrors(
    validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false } }),
  ).map((problem) => ({ ...problem, path: at(prefix, problem.path) }));

  const containers = Array.isArray(dto.containerNumbers)
    ? dto.containerNumbers.map((value) =>
        typeof value === 'string' ? normaliseContainerNumber(value) : null,
      )
    : [];
  const firstIndex = new Map<string, number>();
  containers.forEach((container, index) => {
    if (container === null) return; // already reported as not a string
    const path = at(prefix, `containerNumbers.${index}`);
    const problem = containerNumberProblem(container);
    if (problem) problems.push({ path, ...problem });
    const first = firstIndex.get(container);
    if (first !== undefined) {
      problems.push({
        path,
        code: 'DUPLICATE_CONTAINER',
        message: `${container} is already listed as containerNumbers.${first} of this bill of lading`,
      });
    } else firstIndex.set(container, index);
  });

  const capacity = containers.length * MAX_GROSS_KG_PER_CONTAINER;
  if (containers.length > 0 && typeof dto.grossWeightKg === 'number' && dto.grossWeightKg > capacity) {
    problems.push({
      path: at(prefix, 'grossWeightKg'),
      code: 'GROSS_WEIGHT_EXCEEDS_CONTAINERS',
      message: `${dto.grossWeightKg} kg cannot travel in ${containers.length} container(s) of at most ${MAX_GROSS_KG_PER_CONTAINER} kg gross each`,
    });
  }
  if (problems.length > 0) return { problems };
  return {
    problems,
    line: {
      blNumber: dto.blNumber,
      consignee: dto.consignee,
      consigneePartyId: dto.consigneePartyId,
      containerNumbers: containers as string[],
      packages: dto.packages,
      grossWeightKg: dto.grossWeightKg,
    },
  };
}

/** Checks a whole manifest body { billsOfLading: [...] }: every line and every duplicate, at once. */
export function checkManifest(body: unknown): { lines: ManifestLine[]; problems: FieldProblem[] } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      lines: [],
      problems: [{ path: '', code: 'NOT_AN_OBJECT', message: 'the body must be { billsOfLading: [...] }' }],
    };
  }
  const problems: FieldProblem[] = Object.keys(body)
    .filter((key) => key !== 'billsOfLading')
    .map((key) => ({ path: key, code: 'FIELD_NOT_ALLOWED', message: `property ${key} should not exist` }));
  const raw = (body as { billsOfLading?: unknown }).billsOfLading;
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_LINES_PER_MANIFEST) {
    problems.push({
      path: 'billsOfLading',
      code: 'ARRAY_SIZE',
      message: `billsOfLading must be an array of 1 to ${MAX_LINES_PER_MANIFEST} bills of lading`,
    });
    return { lines: [], problems };
  }
  const lines: ManifestLine[] = [];
  const firstIndex = new Map<string, number>();
  raw.forEach((entry, index) => {
    const checked = checkManifestLine(entry, `billsOfLading.${index}`);
    problems.push(...checked.problems);
    if (checked.line) lines.push(checked.line);
    const blNumber = blNumberOf(entry);
    if (blNumber === undefined) return;
    const first = firstIndex.get(blNumber);
    if (first === undefined) firstIndex.set(blNumber, index);
    else
      problems.push({
        path: `billsOfLading.${index}.blNumber`,
        code: 'DUPLICATE_IN_MANIFEST',
        message: `${blNumber} is already billsOfLading.${first}`,
      });
  });
  return { lines, problems };
}

/** The normalised B/L number of a raw line, when it has one: duplicates are found before any other check. */
export function blNumberOf(raw: unknown): string | undefined {
  const value = (raw as { blNumber?: unknown } | null)?.blNumber;
  return typeof value === 'string' && value.trim() !== '' ? value.trim().toUpperCase() : undefined;
}

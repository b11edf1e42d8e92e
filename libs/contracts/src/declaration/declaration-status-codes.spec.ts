import { DECLARATION_STATUSES } from './declaration-status-changed.event';
import {
  DECLARATION_STATUS_CODE_LIST,
  DECLARATION_STATUS_CODES,
  declarationStatusCodeSchema,
  statusCodeOf,
} from './declaration-status-codes';

describe('declaration status codes', () => {
  it('give every status exactly one two-digit code, named in English and Chinese', () => {
    for (const status of DECLARATION_STATUSES) {
      const entry = DECLARATION_STATUS_CODES[status];
      expect(entry.status).toBe(status);
      expect(entry.code).toMatch(/^\d{2}$/);
      expect(entry.en.length).toBeGreaterThan(0);
      expect(entry['zh-CN']).toMatch(/\p{Script=Han}/u);
    }
    expect(Object.keys(DECLARATION_STATUS_CODES).sort()).toEqual([...DECLARATION_STATUSES].sort());
  });

  it('never give two statuses the same code', () => {
    const codes = DECLARATION_STATUS_CODE_LIST.map((e) => e.code);
    expect(new Set(codes).size).toBe(DECLARATION_STATUSES.length);
    expect(codes).toEqual([...codes].sort());
  });

  it('keep HMRC CDS numbers where CDS has the status', () => {
    expect(statusCodeOf('accepted')).toBe('01');
    expect(statusCodeOf('received')).toBe('02');
    expect(statusCodeOf('under-physical-check')).toBe('05');
    expect(statusCodeOf('documents-required')).toBe('06');
    expect(statusCodeOf('released')).toBe('08');
    expect(statusCodeOf('goods-exited')).toBe('16');
  });

  it('publish one schema entry per code', () => {
    const schema = declarationStatusCodeSchema() as { oneOf: { const: string }[] };
    expect(schema.oneOf.map((o) => o.const)).toEqual(DECLARATION_STATUS_CODE_LIST.map((e) => e.code));
  });
});

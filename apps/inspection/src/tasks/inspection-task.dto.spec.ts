import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ListTasksQuery, RecordResultDto } from './inspection-task.dto';

function problems<T extends object>(cls: new () => T, raw: object): string[] {
  const errors = validateSync(plainToInstance(cls, raw), { whitelist: true, forbidNonWhitelisted: true });
  return errors.flatMap((e) => Object.keys(e.constraints ?? {}).map((c) => `${e.property}:${c}`));
}

describe('RecordResultDto', () => {
  it('accepts a pass with or without findings', () => {
    expect(problems(RecordResultDto, { result: 'passed' })).toEqual([]);
    expect(problems(RecordResultDto, { result: 'passed', findings: [] })).toEqual([]);
    expect(problems(RecordResultDto, { result: 'passed', findings: ['seals intact'] })).toEqual([]);
  });

  it('requires at least one finding for a failure', () => {
    expect(
      problems(RecordResultDto, { result: 'failed', findings: ['undeclared lithium batteries'] }),
    ).toEqual([]);
    expect(problems(RecordResultDto, { result: 'failed' })).toContain('findings:nonEmptyWhenFailed');
    expect(problems(RecordResultDto, { result: 'failed', findings: [] })).toContain(
      'findings:nonEmptyWhenFailed',
    );
  });

  it('refuses other results, non-string findings and unknown fields', () => {
    expect(problems(RecordResultDto, { result: 'maybe' })).toContain('result:isIn');
    expect(problems(RecordResultDto, { result: 'failed', findings: [42] })).toContain('findings:isString');
    expect(problems(RecordResultDto, { result: 'passed', officerId: 'me' })).toContain(
      'officerId:whitelistValidation',
    );
  });
});

describe('ListTasksQuery', () => {
  it('defaults the page and normalises the shipment id', () => {
    const query = plainToInstance(ListTasksQuery, { shipmentId: 'cosu123456', page: '2' });
    expect(validateSync(query)).toEqual([]);
    expect(query).toMatchObject({ shipmentId: 'COSU123456', page: 2, pageSize: 20 });
    // what the document's pattern refuses is refused, not trimmed into a match
    expect(problems(ListTasksQuery, { shipmentId: ' cosu123456 ' })).toEqual(['shipmentId:matches']);
  });

  it('refuses an unknown status and an oversized page', () => {
    expect(problems(ListTasksQuery, { status: 'lost', pageSize: '1000' })).toEqual([
      'status:isIn',
      'pageSize:max',
    ]);
  });
});

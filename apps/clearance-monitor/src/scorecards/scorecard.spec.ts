import { readAgencyRegistry } from '@tongguan/agencies';
import { COMPLAINT_EXAMPLE, SCORECARD_EXAMPLE } from './scorecard-example';
import { figuresOf, scorecards, supervisionOf } from './scorecard';

const registry = readAgencyRegistry({});

describe('agency scorecards', () => {
  const cards = scorecards(SCORECARD_EXAMPLE, registry.agencies, COMPLAINT_EXAMPLE);
  const card = (agency: string) => cards.find((c) => c.agency === agency)!;

  it('matches the hand-computed example', () => {
    // licensing, licence verification (limit 16 h, target 0.85): hours 4, 10, 12, 20, 16, 6
    //   approved L1 L2 L4 L6 = 4, refused L3 = 1, tacit L5 = 1; within limit L1 L2 L3 L6 = 4 of 6 = 0.667
    //   sorted 4, 6, 10, 12, 16, 20: p50 at rank 2.5 → 10 + 0.5 × 2 = 11; p90 at rank 4.5 → 16 + 0.5 × 4 = 18
    //   complaints: 2 about the step, 1 more about the agency as a whole
    const licensing = card('licensing');
    expect(licensing.steps).toEqual([
      {
        step: 'licence-verification',
        name: { en: 'Licence verification', 'zh-CN': '许可证核验' },
        limitHours: 16,
        decisions: 6,
        approved: 4,
        refused: 1,
        tacitApprovals: 1,
        withinLimit: 4,
        withinLimitShare: 0.667,
        p50Hours: 11,
        p90Hours: 18,
        complaints: 2,
        target: 0.85,
        targetMet: false,
      },
    ]);
    expect(licensing).toMatchObject({
      decisions: 6,
      withinLimitShare: 0.667,
      complaints: 3,
      targetMet: false,
    });
    // health, registration check (limit 8 h): hours 3, 5, 9.5; within 2 of 3 = 0.667;
    //   p50 5; p90 at rank 1.8 → 5 + 0.8 × 4.5 = 8.6; one complaint
    expect(card('health').steps[0]).toMatchObject({
      decisions: 3,
      approved: 2,
      refused: 1,
      tacitApprovals: 0,
      withinLimit: 2,
      withinLimitShare: 0.667,
      p50Hours: 5,
      p90Hours: 8.6,
      complaints: 1,
      target: 0.85,
      targetMet: false,
    });
  });

  it('lists every registry agency and step, those without decisions with empty figures', () => {
    expect(cards.map((c) => c.agency)).toEqual(['customs', 'inspection', 'licensing', 'health']);
    expect(card('customs').steps.map((s) => s.step)).toEqual([
      'acceptance-review',
      'query',
      'inquiry-answer',
      'hold',
    ]);
    expect(card('inspection')).toMatchObject({
      decisions: 0,
      withinLimitShare: null,
      p50Hours: null,
      p90Hours: null,
      complaints: 0,
      target: 0.9,
      targetMet: null,
    });
  });

  it('keeps decisions about a step the registry no longer lists, without a name or limit', () => {
    const retired = {
      agency: 'health',
      step: 'old-check',
      outcome: 'approved' as const,
      withinLimit: true,
      decisionHours: 2,
    };
    const steps = scorecards([retired], registry.agencies, []).find((c) => c.agency === 'health')!.steps;
    expect(steps.map((s) => [s.step, s.name, s.limitHours, s.decisions])).toEqual([
      ['registration-check', { en: 'Product registration check', 'zh-CN': '产品注册核查' }, 8, 0],
      ['old-check', null, null, 1],
    ]);
  });

  it('meets a target exactly reached (17 of 20 within limit against 0.85)', () => {
    const decisions = Array.from({ length: 20 }, (_, i) => ({
      agency: 'health',
      step: 'registration-check',
      outcome: 'approved' as const,
      withinLimit: i < 17,
      decisionHours: 1,
    }));
    expect(figuresOf(decisions, 0.85, 0)).toMatchObject({ withinLimitShare: 0.85, targetMet: true });
    expect(figuresOf(decisions.slice(1), 0.85, 0).targetMet).toBe(false); // 16 of 19
  });
});

describe('supervision over the rolling window', () => {
  it('raises an alert for an agency under its target with enough decisions, not on a few decisions', () => {
    const statuses = supervisionOf(SCORECARD_EXAMPLE, registry.agencies, 5);
    expect(statuses).toEqual([
      {
        agency: 'customs',
        decisions: 0,
        withinLimit: 0,
        withinLimitRatio: null,
        target: 0.9,
        belowTarget: false,
      },
      {
        agency: 'inspection',
        decisions: 0,
        withinLimit: 0,
        withinLimitRatio: null,
        target: 0.9,
        belowTarget: false,
      },
      // 4 of 6 within limit, under 0.85 with 6 ≥ 5 decisions
      {
        agency: 'licensing',
        decisions: 6,
        withinLimit: 4,
        withinLimitRatio: 0.667,
        target: 0.85,
        belowTarget: true,
      },
      // 2 of 3 is under 0.85 too, but 3 decisions are fewer than 5
      {
        agency: 'health',
        decisions: 3,
        withinLimit: 2,
        withinLimitRatio: 0.667,
        target: 0.85,
        belowTarget: false,
      },
    ]);
    expect(
      supervisionOf(SCORECARD_EXAMPLE, registry.agencies, 3).find((s) => s.agency === 'health')?.belowTarget,
    ).toBe(true);
  });
});

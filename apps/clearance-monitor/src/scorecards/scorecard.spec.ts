import { readAgencyRegistry } from '@tongguan/agencies';
import { COMPLAINT_EXAMPLE, EXAMPLE_FIGURES, SCORECARD_EXAMPLE } from './scorecard-example';
import { figuresOf, scorecards, supervisionOf } from './scorecard';

const registry = readAgencyRegistry({});

describe('agency scorecards', () => {
  const cards = scorecards(SCORECARD_EXAMPLE, registry.agencies, COMPLAINT_EXAMPLE);
  const card = (agency: string) => cards.find((c) => c.agency === agency)!;

  it('matches the hand-computed example', () => {
    const licensing = card('licensing');
    expect(licensing.steps).toEqual([EXAMPLE_FIGURES.licenceVerification]);
    expect(licensing).toMatchObject(EXAMPLE_FIGURES.licensing);
    expect(card('health').steps[0]).toMatchObject(EXAMPLE_FIGURES.registrationCheck);
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

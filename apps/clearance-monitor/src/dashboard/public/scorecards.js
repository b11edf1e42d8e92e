// The agencies' scorecards panel: decisions against each step's time limit over the window, and the
// agencies the rolling-window supervision finds under their target (the alert).
import { count, DASH, el, fill, hours, isNumber, percent, wholeHours } from './format.js';
import { locale, t } from './i18n.js';

/** The registry names agencies and steps in both languages; an unnamed one shows its id. */
const nameOf = (thing, id) => thing?.name?.[locale()] ?? thing?.name?.en ?? id;

function alertBanner(standings) {
  const below = (standings?.agencies ?? []).filter((a) => a.belowTarget);
  if (below.length === 0) return null;
  return el(
    'div',
    { class: 'scorecard-alerts', role: 'alert' },
    below.map((a) =>
      el(
        'div',
        { class: 'scorecard-alert', 'data-agency': a.agency },
        el('strong', {}, nameOf(a, a.agency)),
        t('scorecards.alert', {
          share: percent(a.withinLimitRatio),
          decisions: count(a.decisions),
          window: wholeHours(standings.windowHours),
          target: percent(a.target),
        }),
      ),
    ),
  );
}

/** One row per agency step; a step under its agency's target is marked (not judged without decisions). */
function stepRow(agency, step) {
  const below = step.targetMet === false;
  return el(
    'tr',
    {
      class: below ? 'below-target' : undefined,
      'data-agency': agency.agency,
      'data-step': step.step,
      'data-below-target': below ? 'true' : 'false',
    },
    el('td', {}, nameOf(agency, agency.agency)),
    el('td', {}, nameOf(step, step.step)),
    el('td', { class: 'num', 'data-field': 'decisions' }, count(step.decisions)),
    el(
      'td',
      {
        class: `num ${below ? 'bad' : ''}`,
        'data-field': 'within',
        'data-value': step.withinLimitShare ?? '',
      },
      percent(step.withinLimitShare),
    ),
    el('td', { class: 'num muted', 'data-field': 'target' }, percent(step.target)),
    el('td', { class: 'num', 'data-field': 'tacit' }, count(step.tacitApprovals)),
    el('td', { class: 'num', 'data-field': 'p50' }, hours(step.p50Hours)),
    el('td', { class: 'num', 'data-field': 'p90' }, hours(step.p90Hours)),
    el(
      'td',
      { class: 'num muted', 'data-field': 'limit' },
      isNumber(step.limitHours) ? wholeHours(step.limitHours) : DASH,
    ),
    el('td', { class: 'num', 'data-field': 'complaints' }, count(step.complaints)),
  );
}

export function renderScorecards(container, { scorecards, standings }) {
  if (!scorecards || !Array.isArray(scorecards.agencies)) {
    fill(container, el('p', { class: 'empty' }, DASH));
    return;
  }
  const head = [
    t('scorecards.agency'),
    t('scorecards.step'),
    t('scorecards.decisions'),
    t('scorecards.within'),
    t('scorecards.target'),
    t('scorecards.tacit'),
    'p50',
    'p90',
    t('scorecards.limit'),
    t('scorecards.complaints'),
  ];
  fill(
    container,
    alertBanner(standings),
    el(
      'table',
      { class: 'grid-table scorecards' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          head.map((label, i) => el('th', { class: i > 1 ? 'num' : undefined }, label)),
        ),
      ),
      el(
        'tbody',
        {},
        scorecards.agencies.flatMap((agency) => agency.steps.map((step) => stepRow(agency, step))),
      ),
    ),
  );
}

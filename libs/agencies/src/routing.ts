/** The trader status the green-channel register gives the importer (never what the filing says). */
export const TRADER_STATUSES = ['aeo', 'major-project', 'standard'] as const;
export type TraderStatus = (typeof TRADER_STATUSES)[number];

export interface RoutingRule {
  id: string;
  agency: string;
  step: string;
  description: string;
  source?: string;
  when: {
    /** Chapter/heading/subheading prefixes, or ranges of equal-length prefixes 'from-to'. */
    hsCodes?: string[];
    origins?: string[];
    tradeModes?: string[];
    traderStatus?: TraderStatus[];
    /**
     * 'import', 'export' or both. A rule that names none applies to imports only: every rule written
     * before exports existed was an import rule (import licences, quarantine on entry).
     */
    directions?: RoutingDirection[];
  };
}

export const ROUTING_DIRECTIONS = ['import', 'export'] as const;
export type RoutingDirection = (typeof ROUTING_DIRECTIONS)[number];

export interface RoutingFacts {
  items: readonly { hsCode: string; originCountry: string }[];
  tradeMode: string;
  traderStatus: TraderStatus;
  /** Absent: an import. */
  direction?: RoutingDirection;
}

/** One approval a declaration needs, with the rules that require it (the audit names them). */
export interface RequiredApproval {
  agency: string;
  step: string;
  ruleIds: string[];
}

/**
 * Which agency steps must approve: every rule whose conditions all hold (HS code and origin on the same
 * item), one approval per agency step, in the rules' order. Pure.
 */
export function requiredApprovals(facts: RoutingFacts, rules: readonly RoutingRule[]): RequiredApproval[] {
  const approvals = new Map<string, RequiredApproval>();
  for (const rule of rules.filter((r) => applies(r, facts))) {
    const key = `${rule.agency}/${rule.step}`;
    const existing = approvals.get(key);
    if (existing) existing.ruleIds.push(rule.id);
    else approvals.set(key, { agency: rule.agency, step: rule.step, ruleIds: [rule.id] });
  }
  return [...approvals.values()];
}

function applies(rule: RoutingRule, facts: RoutingFacts): boolean {
  const { hsCodes, origins, tradeModes, traderStatus, directions = ['import'] } = rule.when;
  if (!directions.includes(facts.direction ?? 'import')) return false;
  if (tradeModes && !tradeModes.includes(facts.tradeMode)) return false;
  if (traderStatus && !traderStatus.includes(facts.traderStatus)) return false;
  if (!hsCodes && !origins) return true;
  return facts.items.some(
    (item) =>
      (!hsCodes || hsCodes.some((pattern) => hsMatches(pattern, item.hsCode))) &&
      (!origins || origins.includes(item.originCountry)),
  );
}

/** '2811' matches 281100...; '9301-9307' matches codes whose first four digits lie in the range. */
export function hsMatches(pattern: string, hsCode: string): boolean {
  const [from, to = from] = pattern.split('-');
  const prefix = hsCode.slice(0, from.length);
  return prefix.length === from.length && from <= prefix && prefix <= to;
}

/** Problems of one pattern ('' when valid): 2, 4 or 6 digits, a range of equal lengths in order. */
export function hsPatternProblem(pattern: string): string {
  const match = /^(\d{2}|\d{4}|\d{6})(?:-(\d{2}|\d{4}|\d{6}))?$/.exec(pattern);
  if (!match) return `'${pattern}' is not a 2, 4 or 6 digit HS prefix or a range 'from-to' of them`;
  const [, from, to] = match;
  if (to !== undefined && (to.length !== from.length || to < from)) {
    return `'${pattern}': a range needs two prefixes of the same length, the lower first`;
  }
  return '';
}

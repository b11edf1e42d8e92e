import { HttpStatus, Injectable } from '@nestjs/common';
import { AgencyRegistry } from '@tongguan/agencies';
import { DomainError } from '@tongguan/platform';
import { ComplaintCountsService } from '../complaints/complaint-counts.service';
import { AgencyDecisionRepository } from './agency-decision.repository';
import { AgencyStandingRepository } from './agency-standing.repository';
import { scorecards } from './scorecard';
import { ScorecardConfig } from './scorecard-config';

/** More decisions than this in one window is refused (narrow the window) rather than slow. */
export const MAX_DECISIONS_PER_WINDOW = 100_000;

/**
 * The agencies' scorecards: the service reads the window's decisions and complaints and computes in
 * Node, where the figures are a plain, tested function (scorecard.ts). A window is a range of decision
 * times, so the read scans: it serves people.
 */
@Injectable()
export class ScorecardsService {
  constructor(
    private readonly decisions: AgencyDecisionRepository,
    private readonly standingRepository: AgencyStandingRepository,
    private readonly complaints: ComplaintCountsService,
    private readonly registry: AgencyRegistry,
    private readonly config: ScorecardConfig,
  ) {}

  /** Every registry agency's scorecard over [from, to), or only `agency`'s. */
  async scorecards(window: { fromMs: number; toMs: number }, agency: string | null) {
    const [from, to] = [new Date(window.fromMs), new Date(window.toMs)];
    const [decided, complaints] = await Promise.all([
      this.decisions.decidedIn(from, to, agency, MAX_DECISIONS_PER_WINDOW),
      this.complaints.countsByAgencyStep(from, to),
    ]);
    if (decided.length > MAX_DECISIONS_PER_WINDOW) {
      throw new DomainError(
        'SCORECARDS.WINDOW_TOO_LARGE',
        `the window holds more than ${MAX_DECISIONS_PER_WINDOW} decisions: narrow it`,
        HttpStatus.BAD_REQUEST,
        [
          {
            path: 'from',
            code: 'WINDOW_TOO_LARGE',
            message: `at most ${MAX_DECISIONS_PER_WINDOW} decisions`,
          },
        ],
      );
    }
    const cards = scorecards(decided, this.registry.agencies, complaints);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      agencies: agency === null ? cards : cards.filter((c) => c.agency === agency),
    };
  }

  /** Where each agency stood at the last supervision check over the rolling window. */
  async standings(agency: string | null) {
    const agencies = this.registry.agencies.filter((a) => agency === null || a.id === agency);
    const stored = new Map(
      (await this.standingRepository.ofAgencies(agencies.map((a) => a.id))).map((s) => [s._id, s]),
    );
    return {
      windowHours: this.config.AGENCY_SCORECARD_WINDOW_HOURS,
      minDecisions: this.config.AGENCY_SCORECARD_MIN_DECISIONS,
      agencies: agencies.map(({ id, name, withinLimitTarget }) => {
        const standing = stored.get(id);
        return {
          agency: id,
          name,
          decisions: standing?.decisions ?? 0,
          withinLimit: standing?.withinLimit ?? 0,
          withinLimitRatio: standing?.withinLimitRatio ?? null,
          target: withinLimitTarget,
          belowTarget: standing?.belowTarget ?? false,
          since: standing?.since ?? null,
          checkedAt: standing?.checkedAt ?? null,
        };
      }),
    };
  }
}

import { Controller, Get, HttpStatus, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgencyRegistry } from '@tongguan/agencies';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { ApiBusinessRules, ApiQueryFrom, DomainError } from '@tongguan/platform';
import { validQuery } from '../common/query-validation';
import { ScorecardConfig } from './scorecard-config';
import { scorecardProblems, ScorecardsQuery, scorecardWindow } from './scorecards.query';
import { ScorecardsService } from './scorecards.service';

const INVALID = {
  description: 'Every problem of the query at once: { code, message, errors: [{ path, code, message }] }',
};
const FORBIDDEN = {
  description: "A supervisor asking for another agency's scorecard, or a role other than ops",
};

@ApiTags('scorecards')
@Controller('v1/scorecards')
export class ScorecardsController {
  constructor(
    private readonly scorecards: ScorecardsService,
    private readonly registry: AgencyRegistry,
    private readonly clock: Clock,
    private readonly config: ScorecardConfig,
  ) {}

  @Get()
  @Roles('ops', 'supervisor')
  @ApiOperation({
    summary: 'Agency scorecards over [from, to): per agency and step, decisions against their time limits',
    description:
      'For every agency of the registry (one with `agency`; a supervisor sees only its own) and each of its ' +
      'steps: decisions, approved, refused, tacitApprovals (deemed approved: lapses), withinLimit and ' +
      'withinLimitShare, p50Hours and p90Hours of the decision hours, complaints filed in the window, the ' +
      "agency's target (withinLimitTarget) and targetMet (null with no decisions). The window is on the " +
      'decision time; by default the last AGENCY_SCORECARD_WINDOW_HOURS up to now.',
  })
  @ApiQueryFrom(ScorecardsQuery)
  @ApiBadRequestResponse(INVALID)
  @ApiForbiddenResponse(FORBIDDEN)
  @ApiBusinessRules(
    'the window must have from before to and span at most 366 days; agency must be in the registry (REQUEST.INVALID_QUERY)',
    400,
  )
  list(@Query() raw: Record<string, unknown>, @CurrentPrincipal() reader: Principal) {
    const nowMs = this.clock.nowMs();
    const hours = this.config.AGENCY_SCORECARD_WINDOW_HOURS;
    const query = validQuery(ScorecardsQuery, raw, (q) =>
      scorecardProblems(q, nowMs, hours, (id) => this.registry.agency(id) !== undefined),
    );
    return this.scorecards.scorecards(
      scorecardWindow(query, nowMs, hours),
      this.agencyFor(reader, query.agency),
    );
  }

  @Get('standings')
  @Roles('ops', 'supervisor')
  @ApiOperation({
    summary: "Each agency's share within limit over the rolling window and whether it is below its target",
    description:
      '{ windowHours, minDecisions, agencies: [{ agency, name, decisions, withinLimit, withinLimitRatio, target, ' +
      'belowTarget, since, checkedAt }] } as of the last supervision check (every AGENCY_SCORECARD_REFRESH_MS). ' +
      'belowTarget (the alert) needs at least minDecisions decisions in the window.',
  })
  @ApiForbiddenResponse(FORBIDDEN)
  standings(@CurrentPrincipal() reader: Principal) {
    return this.scorecards.standings(this.agencyFor(reader));
  }

  /** The agency the reader may see: any for ops (all when none is asked), its own for a supervisor. */
  private agencyFor(reader: Principal, asked?: string): string | null {
    if (reader.role !== 'supervisor') return asked ?? null;
    if (!this.registry.agency(reader.party)) {
      throw new DomainError(
        'SCORECARDS.NOT_AN_AGENCY',
        `the supervisor's party ${reader.party.slice(0, 64)} is not an agency of the registry`,
        HttpStatus.FORBIDDEN,
      );
    }
    if (asked !== undefined && asked !== reader.party) {
      throw new DomainError(
        'SCORECARDS.OTHER_AGENCY',
        `a supervisor of ${reader.party} sees only its own agency's scorecard`,
        HttpStatus.FORBIDDEN,
      );
    }
    return reader.party;
  }
}

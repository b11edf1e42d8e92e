import type { AgencyRegistry } from '@tongguan/agencies';
import type { Clock, WorkingCalendar } from '@tongguan/clock';
import { ApprovalDesks } from './actors/approval-desks';
import { ExportYard } from './actors/export-yard';
import { driveExport } from './actors/exporter';
import { driveShipment, type ShipmentContext } from './actors/importer';
import { Inspectors } from './actors/inspectors';
import { Outcomes } from './actors/outcomes';
import { Transport } from './actors/transport';
import { loadAndDepart } from './actors/vessel-loading';
import { EventObserver, StoppedError } from './platform/event-observer';
import { Incidents } from './platform/incidents';
import { describeAnswer, type PlatformApi } from './platform/platform-api';
import { Sleeper } from './platform/sleeper';
import { LimitsSeen, summariseAgencyDecisions, type AgencyDecisions } from './report/agency-decisions';
import type { Scenario } from './scenario/scenario';
import type { Recorder } from './traffic/recorder';
import { containerNumber } from './traffic/shipment-identifiers';
import {
  behaviourOf,
  exportBehaviourOf,
  hoursToMs,
  TrafficPlanner,
  type VesselCallPlan,
} from './traffic/traffic-plan';

export interface SimulationSettings {
  scenario: Scenario;
  api: PlatformApi;
  clock: Clock;
  calendar: WorkingCalendar;
  /** The registry the platform runs with: the desks' calendars and which steps may lapse. */
  registry: AgencyRegistry;
  kafkaBrokers: string[];
  topicPrefix: string;
  /** Starts every B/L number of this run. */
  blPrefix: string;
  recorder?: Recorder;
  log?: (line: string) => void;
  /** Business time (ms) of the run's hour 0; now by default. */
  startMs?: number;
}

export interface RunLimits {
  /** Stop planning after this many shipments (unset: run until stopped). */
  shipments?: number;
  /** Recorded vessel calls to replay instead of drawing new ones. */
  replay?: VesselCallPlan[];
  /** Stop waiting after this many business hours past the last arrival. */
  horizonHours?: number;
  /** Hours from the start of the run to the first vessel call (see leadInHours). */
  leadInHours?: number;
}

/** Drives the traffic of one scenario through a running platform. */
export class Simulation {
  readonly incidents: Incidents;
  readonly outcomes = new Outcomes();
  readonly observer: EventObserver;
  readonly sleeper: Sleeper;
  private readonly inspectors: Inspectors;
  private readonly approvals: ApprovalDesks;
  private readonly limitsSeen = new LimitsSeen();
  private readonly ctx: ShipmentContext;
  private readonly log: (line: string) => void;
  private stopRequested = false;
  planned = 0;
  finished = 0;

  constructor(private readonly settings: SimulationSettings) {
    this.log = settings.log ?? ((line) => process.stdout.write(`${line}\n`));
    this.incidents = new Incidents((line) => this.log(line));
    this.sleeper = new Sleeper(settings.clock);
    this.observer = new EventObserver(settings.kafkaBrokers, settings.topicPrefix, (id) =>
      id.startsWith(settings.blPrefix),
    );
    this.inspectors = new Inspectors(
      settings.scenario.inspection.officers,
      settings.calendar,
      settings.api,
      this.observer,
      this.sleeper,
      this.incidents,
      this.outcomes,
      this.limitsSeen,
    );
    this.approvals = new ApprovalDesks(
      settings.scenario,
      settings.registry,
      settings.api,
      this.observer,
      this.sleeper,
      this.incidents,
      this.outcomes,
      this.limitsSeen,
    );
    const transport = new Transport(
      settings.scenario,
      settings.api,
      this.sleeper,
      this.observer,
      this.incidents,
      this.outcomes,
    );
    this.ctx = {
      scenario: settings.scenario,
      api: settings.api,
      observer: this.observer,
      sleeper: this.sleeper,
      inspectors: this.inspectors,
      approvals: this.approvals,
      transport,
      yard: new ExportYard(),
      incidents: this.incidents,
      outcomes: this.outcomes,
      startMs: settings.startMs ?? settings.clock.nowMs(),
    };
  }

  get startMs(): number {
    return this.ctx.startMs;
  }

  /** The tacit approvals among the events seen, and the limits the services put on the tasks. */
  agencyDecisions(): AgencyDecisions {
    return summariseAgencyDecisions(
      this.observer.events('RiskAssessed', 'AgencyDecisionRecorded', 'InspectionDeemedApproved'),
      this.limitsSeen,
    );
  }

  /** Runs until the limits are reached (all planned shipments done, or the horizon) or stop() is called. */
  async run(limits: RunLimits = {}): Promise<void> {
    await this.observer.start();
    const officers = [...this.inspectors.start(), ...this.approvals.start()];
    const planner = new TrafficPlanner(this.settings.scenario, this.settings.blPrefix, limits.leadInHours);
    const calls =
      limits.replay ?? (limits.shipments !== undefined ? planner.plan(limits.shipments) : undefined);
    const shipments: Promise<void>[] = [];
    let lastArrivalHour = 0;
    try {
      for (let k = 0; calls ? k < calls.length : !this.stopRequested; k++) {
        const call = calls ? calls[k] : planner.nextVesselCall();
        this.settings.recorder?.vesselCall(call);
        lastArrivalHour = Math.max(lastArrivalHour, call.arrivalHour);
        shipments.push(
          this.vesselCall(call),
          ...call.shipments.map((plan) => this.shipment(call, plan.blNumber)),
          ...(call.exports ?? []).map((plan) => this.exportShipment(call, plan.blNumber)),
        );
        this.planned += call.shipments.length + (call.exports?.length ?? 0);
        // continuous traffic: draw the next call only when this one is due, so memory stays flat
        if (!calls) await this.sleeper.untilBusiness(this.ctx.startMs + hoursToMs(call.arrivalHour));
      }
    } catch (error) {
      if (!(error instanceof StoppedError)) throw error;
    }
    const horizon =
      limits.horizonHours === undefined
        ? undefined
        : this.sleeper.untilBusiness(this.ctx.startMs + hoursToMs(lastArrivalHour + limits.horizonHours));
    await Promise.race(
      [Promise.all(shipments), horizon ?? new Promise(() => undefined)].map((p) => p.catch(() => undefined)),
    );
    this.outcomes.add("export left at the terminal after the run's last vessel", this.ctx.yard.left().length);
    if (this.finished < this.planned) {
      this.log(`[simulator] ${this.planned - this.finished} shipments still in flight at the end of the run`);
    }
    this.inspectors.stop();
    this.approvals.stop();
    this.sleeper.stop();
    await this.observer.stop();
    await Promise.all(officers.map((o) => o.catch(() => undefined)));
  }

  /** Ends a continuous run: no new vessel calls; the run() promise settles once the actors have stopped. */
  stop(): void {
    this.stopRequested = true;
    this.sleeper.stop();
    this.observer.halt();
    this.inspectors.stop();
    this.approvals.stop();
  }

  private async shipment(call: VesselCallPlan, blNumber: string): Promise<void> {
    const plan = call.shipments.find((s) => s.blNumber === blNumber)!;
    try {
      await driveShipment(this.ctx, plan, behaviourOf(plan, this.settings.scenario), call);
    } catch (error) {
      if (!(error instanceof StoppedError))
        this.incidents.record('shipment actor failed', `${blNumber} ${String(error)}`);
    } finally {
      this.finished += 1;
    }
  }

  private async exportShipment(call: VesselCallPlan, blNumber: string): Promise<void> {
    const plan = call.exports!.find((s) => s.blNumber === blNumber)!;
    try {
      await driveExport(this.ctx, plan, exportBehaviourOf(plan, this.settings.scenario), call);
    } catch (error) {
      if (!(error instanceof StoppedError))
        this.incidents.record('export actor failed', `${blNumber} ${String(error)}`);
    } finally {
      this.finished += 1;
    }
  }

  /**
   * The carrier's manifest reaches customs before any declaration (advance manifest rule: China wants it
   * 24 h before loading at the port of origin, days before berthing), so it is filed MANIFEST_LEAD_HOURS
   * before arrival (or at once), naming each consignee's party; the terminal discharges at arrival.
   */
  private async vesselCall(call: VesselCallPlan): Promise<void> {
    const port = { role: 'port' as const, party: 'SIM-TERMINAL' };
    const arrivalMs = this.ctx.startMs + hoursToMs(call.arrivalHour);
    try {
      await this.sleeper.untilBusiness(arrivalMs - hoursToMs(MANIFEST_LEAD_HOURS));
      const created = await this.settings.api.call('port', port, 'POST', '/v1/vessel-calls', {
        vesselName: call.vesselName,
        voyage: call.voyage,
        eta: new Date(arrivalMs).toISOString(),
      });
      if (created.status !== 201) {
        this.incidents.record('vessel call refused', describeAnswer(created));
        return;
      }
      const callId = (created.body._id ?? created.body.id) as string;
      const manifest = await this.settings.api.call(
        'port',
        port,
        'POST',
        `/v1/vessel-calls/${callId}/manifest`,
        {
          billsOfLading: call.shipments.map((s) => {
            const { importerId } = behaviourOf(s, this.settings.scenario);
            return {
              blNumber: s.blNumber,
              consignee: `${importerId} IMPORT CO`,
              consigneePartyId: importerId,
              containerNumbers: [containerNumber(s.blNumber)],
              packages: 2,
              grossWeightKg: 3100,
            };
          }),
        },
      );
      if (manifest.status !== 201) this.incidents.record('manifest refused', describeAnswer(manifest));
      await this.sleeper.untilBusiness(arrivalMs);
      for (const shipment of call.shipments) {
        const discharged = await this.settings.api.call(
          'port',
          port,
          'POST',
          `/v1/vessel-calls/${callId}/discharges`,
          {
            blNumber: shipment.blNumber,
          },
        );
        if (discharged.status >= 300)
          this.incidents.record('discharge refused', `${shipment.blNumber} ${describeAnswer(discharged)}`);
        else this.outcomes.add('discharged (arrival)');
      }
      if (call.departureHour !== undefined) await loadAndDepart(this.ctx, call, callId);
    } catch (error) {
      if (!(error instanceof StoppedError)) this.incidents.record('vessel call actor failed', String(error));
    }
  }
}

/**
 * Hours before arrival the manifest is filed: more than the longest pre-arrival filing lead of the
 * scenarios (48 h), so an importer never waits for it in business time (only for the event to arrive).
 */
const MANIFEST_LEAD_HOURS = 72;

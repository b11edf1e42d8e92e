import type { EventObserver } from '../platform/event-observer';
import type { Incidents } from '../platform/incidents';
import { describeAnswer, type PlatformApi } from '../platform/platform-api';
import type { Sleeper } from '../platform/sleeper';
import type { Scenario } from '../scenario/scenario';
import type { ShipmentPlan } from '../traffic/traffic-plan';
import type { Outcomes } from './outcomes';

const HOUR_MS = 3_600_000;
const CARRIERS = ['SIM-CARRIER-01', 'SIM-CARRIER-02', 'SIM-CARRIER-03'];

/**
 * After release: the importer orders transport, a carrier quotes, the importer accepts (a pickup slot
 * is booked), the truck comes through the gate in and out. A step whose endpoint is missing (a service
 * that has not got it yet answers 404) is counted as an incident and the truck goes on without it.
 */
export class Transport {
  constructor(
    private readonly scenario: Scenario,
    private readonly api: PlatformApi,
    private readonly sleeper: Sleeper,
    private readonly observer: EventObserver,
    private readonly incidents: Incidents,
    private readonly outcomes: Outcomes,
  ) {}

  async collect(plan: ShipmentPlan, importerId: string): Promise<void> {
    const importer = { role: 'importer' as const, party: importerId };
    const carrierId = CARRIERS[plan.vesselCall % CARRIERS.length];
    const carrier = { role: 'carrier' as const, party: carrierId };
    let truckPlate = `YUE-B${plan.blNumber.slice(-5)}`;
    let booking: { id: string; slotStart?: string } | undefined;

    // cargo released before its vessel berthed (pre-arrival) is booked for pickup once it is discharged:
    // a pickup hour before that would pass with the truck waiting at the quay
    await this.observer.waitFor(plan.blNumber, 'CargoArrived');
    await this.sleeper.forBusinessHours(plan.transportOrderDelayHours);
    const order = await this.retryWhileConflict(() =>
      this.api.call('logistics', importer, 'POST', '/v1/transport-orders', {
        blNumber: plan.blNumber,
        terminal: this.scenario.transport.terminal,
        destination: `${importerId} warehouse, Shenzhen`,
        earliestPickup: this.sleeper.clock.now().toISOString(),
      }),
    );
    if (order.status === 201) {
      this.outcomes.add('transport ordered');
      await this.sleeper.forBusinessHours(plan.quoteDelayHours);
      booking = await this.quoteAndAccept(plan, order.body.id as string, importer, carrier, truckPlate);
      if (booking) truckPlate = (booking as { truckPlate?: string }).truckPlate ?? truckPlate;
    } else {
      this.incidents.record(
        order.status === 404
          ? 'transport orders: endpoint missing (404), truck sent without a booking'
          : 'transport order refused',
        `${plan.blNumber} ${describeAnswer(order)}`,
      );
    }

    if (booking?.slotStart) await this.sleeper.untilBusiness(Date.parse(booking.slotStart));
    const gateIn = await this.api.call(
      'port',
      { role: 'port', party: 'SIM-TERMINAL' },
      'POST',
      '/v1/gate-ins',
      {
        blNumber: plan.blNumber,
        truckPlate,
        ...(booking ? { bookingId: booking.id } : {}),
      },
    );
    if (gateIn.status === 201) this.outcomes.add('gate-in recorded');
    else {
      this.incidents.record(
        gateIn.status === 404 ? 'gate-ins: endpoint missing (404), gate-in skipped' : 'gate-in refused',
        `${plan.blNumber} ${describeAnswer(gateIn)}`,
      );
    }
    await this.sleeper.forBusinessHours(plan.gateDwellHours);
    const gateOut = await this.retryWhileConflict(() =>
      this.api.call('port', { role: 'port', party: 'SIM-TERMINAL' }, 'POST', '/v1/gate-outs', {
        blNumber: plan.blNumber,
        truckPlate,
      }),
    );
    if (gateOut.status === 201) this.outcomes.add('gate-out recorded');
    else this.incidents.record('gate-out refused', `${plan.blNumber} ${describeAnswer(gateOut)}`);
  }

  private async quoteAndAccept(
    plan: ShipmentPlan,
    orderId: string,
    importer: { role: 'importer'; party: string },
    carrier: { role: 'carrier'; party: string },
    truckPlate: string,
  ): Promise<{ id: string; slotStart?: string } | undefined> {
    // the next full hour after the acceptance delay; a full hour makes the carrier try the one after
    const firstHour =
      Math.ceil((this.sleeper.clock.nowMs() + (plan.acceptDelayHours + 1) * HOUR_MS) / HOUR_MS) * HOUR_MS;
    for (let attempt = 0; attempt < 6; attempt++) {
      const quote = await this.api.call(
        'logistics',
        carrier,
        'POST',
        `/v1/transport-orders/${orderId}/quotes`,
        {
          priceMinor: 180_000 + (plan.vesselCall % 7) * 5_000,
          currency: 'CNY',
          truckPlate,
          pickupAt: new Date(firstHour + attempt * HOUR_MS).toISOString(),
        },
      );
      if (quote.status !== 201) {
        this.incidents.record('transport quote refused', `${plan.blNumber} ${describeAnswer(quote)}`);
        return undefined;
      }
      if (attempt === 0) await this.sleeper.forBusinessHours(plan.acceptDelayHours);
      const accepted = await this.api.call(
        'logistics',
        importer,
        'POST',
        `/v1/transport-orders/${orderId}/quotes/${quote.body.id}/acceptance`,
      );
      if (accepted.status === 201) {
        this.outcomes.add('pickup booked');
        return accepted.body;
      }
      if (accepted.body?.code !== 'SLOT_FULL' && !String(accepted.body?.code ?? '').endsWith('SLOT_FULL')) {
        this.incidents.record('quote acceptance refused', `${plan.blNumber} ${describeAnswer(accepted)}`);
        return undefined;
      }
      this.outcomes.add('pickup hour full: carrier quoted the next hour');
    }
    this.incidents.record('no pickup slot in six hours', plan.blNumber);
    return undefined;
  }

  /**
   * A 409 right after the release usually means the service has not heard of it yet (events travel):
   * try again a few times, half a real second apart, before giving up.
   */
  private async retryWhileConflict(
    call: () => Promise<{ status: number; body: any }>,
  ): Promise<{ status: number; body: any }> {
    let answer = await call();
    for (let attempt = 0; attempt < 20 && answer.status === 409; attempt++) {
      await this.sleeper.real(500);
      answer = await call();
    }
    return answer;
  }
}

import { HttpStatus, Injectable } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { DomainError, NotFoundError } from '@tongguan/platform';
import { randomUUID } from 'node:crypto';
import { EventLogRepository } from '../event-log/event-log.repository';
import { resolveEventTypes } from '../event-log/event-types';
import { FeedsConfig } from '../feeds-config';
import { assertInScope } from '../scopes/feed-audience';
import { WebhookTargets } from '../webhook-targets/webhook-targets';
import { newSigningSecret } from '../signing/webhook-signature';
import {
  type CreateSubscriptionDto,
  type SecretRotationView,
  type SubscriptionView,
  type SubscriptionWithSecret,
  toSubscriptionView,
} from './subscription.dto';
import type { Subscription } from './subscription.schema';
import { SubscriptionRepository } from './subscription.repository';

const HOUR_MS = 3_600_000;

@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly log: EventLogRepository,
    private readonly config: FeedsConfig,
    private readonly clock: Clock,
    private readonly targets: WebhookTargets,
  ) {}

  async create(dto: CreateSubscriptionDto, owner: Principal): Promise<SubscriptionWithSecret> {
    const eventTypes = resolveEventTypes(dto.eventTypes).types;
    assertInScope(owner.role, eventTypes, 'eventTypes');
    const target = await this.targets.check(dto.url);
    if (!target.ok) {
      throw new DomainError(
        'SUBSCRIPTION.URL_NOT_ALLOWED',
        'webhooks go to public internet addresses only',
        HttpStatus.UNPROCESSABLE_ENTITY,
        [
          {
            path: 'url',
            code: 'ADDRESS_NOT_ALLOWED',
            message: `${target.problem}: webhooks go to public addresses only`,
          },
        ],
      );
    }
    const active = await this.subscriptions.countActive(owner.party);
    if (active >= this.config.FEED_MAX_SUBSCRIPTIONS_PER_PARTY) {
      throw new DomainError(
        'SUBSCRIPTION.LIMIT_REACHED',
        `party ${owner.party} already has ${active} active subscriptions (at most ${this.config.FEED_MAX_SUBSCRIPTIONS_PER_PARTY}); delete one first`,
      );
    }
    const secret = newSigningSecret();
    const subscription: Omit<Subscription, 'revision'> = {
      _id: randomUUID(),
      party: owner.party,
      role: owner.role,
      url: dto.url,
      eventTypes,
      description: dto.description ?? null,
      active: true,
      secret,
      // from now on: history is what the pull feed is for
      plannedThrough: await this.log.headSeq(),
      createdAt: this.clock.now(),
      deactivatedAt: null,
      previousSecret: null,
      previousSecretExpiresAt: null,
      secretRotatedAt: null,
    };
    await this.subscriptions.insert(subscription);
    return { ...toSubscriptionView({ ...subscription, revision: 1 }), secret };
  }

  async list(owner: Principal): Promise<SubscriptionView[]> {
    return (await this.subscriptions.ofParty(owner.party)).map(toSubscriptionView);
  }

  async get(id: string, owner: Principal): Promise<SubscriptionView> {
    return toSubscriptionView(await this.owned(id, owner));
  }

  /** Stops deliveries; the record stays for its delivery history. Repeating it changes nothing. */
  async deactivate(id: string, owner: Principal): Promise<SubscriptionView> {
    await this.owned(id, owner);
    const now = this.clock.now();
    const { current, applied } = await this.subscriptions.modify(id, (subscription) =>
      subscription.active ? { change: { set: { active: false, deactivatedAt: now } } } : null,
    );
    return toSubscriptionView(applied || !current ? await this.owned(id, owner) : current);
  }

  /** A new secret; the one it replaces keeps signing beside it for FEED_SECRET_GRACE_HOURS. */
  async rotateSecret(id: string, owner: Principal): Promise<SecretRotationView> {
    await this.ownedActive(id, owner);
    const secret = newSigningSecret();
    const now = this.clock.now();
    // real time, like the signature timestamps the receivers check
    const validUntil = new Date(Date.now() + this.config.FEED_SECRET_GRACE_HOURS * HOUR_MS);
    const { applied } = await this.subscriptions.modify(id, (subscription) =>
      subscription.active
        ? {
            change: {
              set: {
                secret,
                previousSecret: subscription.secret,
                previousSecretExpiresAt: validUntil,
                secretRotatedAt: now,
              },
            },
          }
        : null,
    );
    if (!applied) throw inactive(id);
    return { id, secret, previousSecretValidUntil: validUntil.toISOString() };
  }

  async ownedActive(id: string, owner: Principal): Promise<Subscription> {
    const subscription = await this.owned(id, owner);
    if (!subscription.active) throw inactive(id);
    return subscription;
  }

  /** Another party's subscription answers as missing: its existence is not the caller's business. */
  async owned(id: string, owner: Principal): Promise<Subscription> {
    const subscription = await this.subscriptions.findById(id);
    if (!subscription || subscription.party !== owner.party) throw new NotFoundError('subscription', id);
    return subscription;
  }
}

function inactive(id: string): DomainError {
  return new DomainError('SUBSCRIPTION.INACTIVE', `subscription ${id} is deactivated`, HttpStatus.CONFLICT);
}

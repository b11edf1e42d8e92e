import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { DomainError, NotFoundError } from '@tongguan/platform';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { EventLogService } from '../event-log/event-log.service';
import { resolveEventTypes } from '../event-log/event-types';
import { FeedsConfig } from '../feeds-config';
import { newSigningSecret } from '../signing/webhook-signature';
import {
  type CreateSubscriptionDto,
  type SecretRotationView,
  type SubscriptionView,
  type SubscriptionWithSecret,
  toSubscriptionView,
} from './subscription.dto';
import { Subscription } from './subscription.schema';

const HOUR_MS = 3_600_000;

@Injectable()
export class SubscriptionsService {
  constructor(
    @InjectModel(Subscription.name) private readonly subscriptions: Model<Subscription>,
    private readonly log: EventLogService,
    private readonly config: FeedsConfig,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateSubscriptionDto, owner: Principal): Promise<SubscriptionWithSecret> {
    const active = await this.subscriptions.countDocuments({ party: owner.party, active: true });
    if (active >= this.config.FEED_MAX_SUBSCRIPTIONS_PER_PARTY) {
      throw new DomainError(
        'SUBSCRIPTION.LIMIT_REACHED',
        `party ${owner.party} already has ${active} active subscriptions (at most ${this.config.FEED_MAX_SUBSCRIPTIONS_PER_PARTY}); delete one first`,
      );
    }
    const secret = newSigningSecret();
    const created = await this.subscriptions.create({
      _id: randomUUID(),
      party: owner.party,
      role: owner.role,
      url: dto.url,
      eventTypes: resolveEventTypes(dto.eventTypes).types,
      description: dto.description ?? null,
      active: true,
      secret,
      // from now on: history is what the pull feed is for
      plannedThrough: await this.log.headSeq(),
      createdAt: this.clock.now(),
    });
    return { ...toSubscriptionView(created.toObject()), secret };
  }

  async list(owner: Principal): Promise<SubscriptionView[]> {
    const own = await this.subscriptions
      .find({ party: owner.party })
      .sort({ createdAt: -1 })
      .lean<Subscription[]>();
    return own.map(toSubscriptionView);
  }

  async get(id: string, owner: Principal): Promise<SubscriptionView> {
    return toSubscriptionView(await this.owned(id, owner));
  }

  /** Stops deliveries; the record stays for its delivery history. Repeating it changes nothing. */
  async deactivate(id: string, owner: Principal): Promise<SubscriptionView> {
    const subscription = await this.owned(id, owner);
    if (!subscription.active) return toSubscriptionView(subscription);
    const updated = await this.subscriptions
      .findOneAndUpdate(
        { _id: id, active: true },
        { $set: { active: false, deactivatedAt: this.clock.now() } },
        { new: true },
      )
      .lean<Subscription>();
    return toSubscriptionView(updated ?? (await this.owned(id, owner)));
  }

  async rotateSecret(id: string, owner: Principal): Promise<SecretRotationView> {
    const subscription = await this.ownedActive(id, owner);
    const secret = newSigningSecret();
    const now = this.clock.now();
    // real time, like the signature timestamps the receivers check
    const validUntil = new Date(Date.now() + this.config.FEED_SECRET_GRACE_HOURS * HOUR_MS);
    await this.subscriptions.updateOne(
      { _id: id },
      {
        $set: {
          secret,
          previousSecret: subscription.secret,
          previousSecretExpiresAt: validUntil,
          secretRotatedAt: now,
        },
      },
    );
    return { id, secret, previousSecretValidUntil: validUntil.toISOString() };
  }

  async ownedActive(id: string, owner: Principal): Promise<Subscription> {
    const subscription = await this.owned(id, owner);
    if (!subscription.active) {
      throw new DomainError(
        'SUBSCRIPTION.INACTIVE',
        `subscription ${id} is deactivated`,
        HttpStatus.CONFLICT,
      );
    }
    return subscription;
  }

  /** Another party's subscription answers as missing: its existence is not the caller's business. */
  async owned(id: string, owner: Principal): Promise<Subscription> {
    const subscription = await this.subscriptions
      .findOne({ _id: id, party: owner.party })
      .lean<Subscription>();
    if (!subscription) throw new NotFoundError('subscription', id);
    return subscription;
  }
}

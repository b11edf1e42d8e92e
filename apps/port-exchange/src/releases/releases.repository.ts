import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CustomsRelease } from './customs-release.schema';

@Injectable()
export class ReleasesRepository {
  constructor(@InjectModel(CustomsRelease.name) private readonly releases: Model<CustomsRelease>) {}

  /** Idempotent: the first release wins, a redelivery changes nothing. */
  async recordRelease(shipmentId: string, declarationId: string, releasedAt: Date): Promise<void> {
    await this.releases.updateOne(
      { _id: shipmentId },
      { $setOnInsert: { declarationId, releasedAt } },
      { upsert: true },
    );
  }

  async isReleased(shipmentId: string): Promise<boolean> {
    return (await this.releases.exists({ _id: shipmentId })) !== null;
  }
}

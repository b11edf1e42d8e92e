import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { GateIn } from './gate-in.schema';
import { GateRefusal } from './gate-refusal.schema';

/** Trucks let in, each stored once (by its gate transaction id) with its GateInRecorded. */
@Injectable()
export class GateInRepository extends AggregateRepository<GateIn> {
  constructor(@InjectModel(GateIn.name) gateIns: Model<GateIn>) {
    super(gateIns, 'gate-in');
  }
}

/** Trucks turned away, each stored once (by its gate transaction id) with its GateOutRefused. */
@Injectable()
export class GateRefusalRepository extends AggregateRepository<GateRefusal> {
  constructor(@InjectModel(GateRefusal.name) refusals: Model<GateRefusal>) {
    super(refusals, 'gate refusal');
  }
}

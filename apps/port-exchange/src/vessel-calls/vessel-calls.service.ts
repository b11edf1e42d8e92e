import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { NotFoundError } from '@tongguan/platform';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import type { CreateVesselCallDto } from './vessel-call.dto';
import { VesselCall } from './vessel-call.schema';

@Injectable()
export class VesselCallsService {
  constructor(@InjectModel(VesselCall.name) private readonly calls: Model<VesselCall>) {}

  async create(dto: CreateVesselCallDto): Promise<VesselCall> {
    const created = await this.calls.create({ _id: randomUUID(), ...dto, eta: new Date(dto.eta) });
    return created.toObject();
  }

  async get(id: string): Promise<VesselCall> {
    const call = await this.calls.findById(id).lean();
    if (!call) throw new NotFoundError('vessel call', id);
    return call;
  }

  async recordArrival(id: string, at: Date): Promise<void> {
    await this.calls.updateOne({ _id: id, ata: { $exists: false } }, { $set: { ata: at } });
  }
}

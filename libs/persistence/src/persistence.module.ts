import { DynamicModule, Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ServiceConfig } from '@tongguan/config';
import mongoose from 'mongoose';
import { MongoHealth } from './mongo-health';

// Values from outsiders never become query operators: {"$gt": ""} in a filter is compared literally.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

/** The service's own database (one per service, never shared) on the configured Mongo-wire server. */
@Global()
@Module({})
export class PersistenceModule {
  static forService(config: ServiceConfig): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        MongooseModule.forRoot(config.MONGO_URI, {
          dbName: config.mongoDbName,
          appName: `tongguan-${config.serviceName}`,
          serverSelectionTimeoutMS: 10_000,
          retryWrites: false,
        }),
      ],
      providers: [MongoHealth],
      exports: [MongoHealth],
    };
  }
}

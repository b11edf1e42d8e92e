import { DynamicModule, Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ServiceConfig } from '@tongguan/config';
import mongoose from 'mongoose';
import { Inbox } from './inbox';
import { MongoHealth } from './mongo-health';
import { StoreBacklog } from './store-backlog';
import { countStoreCommands } from './store-metrics';

// Values from outsiders never become query operators: every HTTP body, query string and Kafka payload
// is validated into typed DTOs first (an object where a string is expected is a 4xx), and strictQuery
// drops filter paths the schema does not know. (mongoose's sanitizeFilter would also neuter our own $in.)
mongoose.set('strictQuery', true);
// mongoose captures `new Error().stack` on every query to explain a query run twice; building those
// stacks was 1-2% of every service's CPU in the pipeline benchmark's profiles
mongoose.set('skipOriginalStackTraces', true);

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
          maxPoolSize: config.MONGO_POOL_SIZE,
          // tongguan_store_commands_total on /metrics: store commands per shipment (npm run bench)
          monitorCommands: true,
          onConnectionCreate: countStoreCommands,
        }),
      ],
      providers: [MongoHealth, Inbox, StoreBacklog],
      exports: [MongoHealth, Inbox, StoreBacklog],
    };
  }
}

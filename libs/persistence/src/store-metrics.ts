import type { Connection, mongo } from 'mongoose';
import { Counter, Histogram, register } from 'prom-client';

/** The driver's own handshake and session bookkeeping: not work any request or event asked for. */
const NOT_COUNTED = new Set(['hello', 'ping', 'isMaster', 'ismaster', 'endSessions']);

const storeCommands =
  (register.getSingleMetric('tongguan_store_commands_total') as Counter | undefined) ??
  new Counter({
    name: 'tongguan_store_commands_total',
    help: 'Commands sent to the store, by command name (a bulk write is one command)',
    labelNames: ['command'],
  });

const storeCommandSeconds =
  (register.getSingleMetric('tongguan_store_command_seconds') as Histogram | undefined) ??
  new Histogram({
    name: 'tongguan_store_command_seconds',
    help: 'Round trip of a store command as the driver saw it (queued on the connection included)',
    labelNames: ['command'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  });

/**
 * Counts and times every command the connection sends (the benchmark divides them by the shipments released to
 * get the store operations per shipment). Needs `monitorCommands: true` in the connection's options,
 * which makes mongoose re-emit the driver's commandStarted events on the connection.
 */
export function countStoreCommands(connection: Connection): void {
  connection.on('commandStarted', (event: mongo.CommandStartedEvent) => {
    if (!NOT_COUNTED.has(event.commandName)) storeCommands.inc({ command: event.commandName });
  });
  const timed = (event: mongo.CommandSucceededEvent | mongo.CommandFailedEvent) => {
    if (!NOT_COUNTED.has(event.commandName))
      storeCommandSeconds.observe({ command: event.commandName }, event.duration / 1000);
  };
  connection.on('commandSucceeded', timed);
  connection.on('commandFailed', timed);
}

import type { Connection, mongo } from 'mongoose';
import { Counter, register } from 'prom-client';

/** The driver's own handshake and session bookkeeping: not work any request or event asked for. */
const NOT_COUNTED = new Set(['hello', 'ping', 'isMaster', 'ismaster', 'endSessions']);

const storeCommands =
  (register.getSingleMetric('tongguan_store_commands_total') as Counter | undefined) ??
  new Counter({
    name: 'tongguan_store_commands_total',
    help: 'Commands sent to the store, by command name (a bulk write is one command)',
    labelNames: ['command'],
  });

/**
 * Counts every command the connection sends (the benchmark divides them by the shipments released to
 * get the store operations per shipment). Needs `monitorCommands: true` in the connection's options,
 * which makes mongoose re-emit the driver's commandStarted events on the connection.
 */
export function countStoreCommands(connection: Connection): void {
  connection.on('commandStarted', (event: mongo.CommandStartedEvent) => {
    if (!NOT_COUNTED.has(event.commandName)) storeCommands.inc({ command: event.commandName });
  });
}

/* global EventSource */
// The monitor's live feed (Server-Sent Events, GET /v1/live). EventSource cannot send headers, so the
// token goes in the query; the browser reconnects by itself after a network error.
import { getJson, query, token } from './api.js';

const RETRY_AFTER_CLOSE_MS = 5000;

export class LiveFeed {
  /** Handlers: onHello(message), onUpdate(message), onStatus(status, text key), onError(error). */
  constructor(handlers) {
    this.handlers = handlers;
    this.source = null;
    this.stopped = true;
  }

  connect() {
    this.source?.close();
    this.stopped = false;
    const { onHello, onUpdate, onStatus, onError } = this.handlers;
    const source = new EventSource(`/v1/live?${query({ token: token.get() })}`);
    this.source = source;
    onStatus('connecting', 'live.connecting');
    source.addEventListener('hello', (event) => {
      onStatus('on', 'live.on');
      onHello(JSON.parse(event.data));
    });
    source.addEventListener('update', (event) => onUpdate(JSON.parse(event.data)));
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED) {
        onStatus('connecting', 'live.reconnecting');
        return;
      }
      onStatus('off', 'live.off');
      // a refused token closes the stream for good (onError asks for another); anything else: retry
      getJson('/v1/dashboard/context').then(() => {
        setTimeout(() => this.stopped || this.connect(), RETRY_AFTER_CLOSE_MS);
      }, onError);
    });
  }

  close() {
    this.stopped = true;
    this.source?.close();
  }
}

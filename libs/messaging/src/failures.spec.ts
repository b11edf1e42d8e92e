import { PayloadValidationError } from '@tongguan/contracts';
import { ConcurrentModificationError } from '@tongguan/persistence';
import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import mongoose from 'mongoose';
import { failureKind, isPoisonRecord } from './failures';

const { MongoNetworkError, MongoServerSelectionError, MongoServerError } = mongoose.mongo;

function protocolError(type: string, retriable: boolean) {
  return Object.assign(new KafkaJSProtocolError(type), { type, retriable });
}

describe('failureKind', () => {
  it('counts an unreachable store as transient, however it is wrapped', () => {
    expect(failureKind(new MongoNetworkError('connection reset'))).toBe('transient');
    expect(
      failureKind(new MongoServerSelectionError('Server selection timed out after 10000 ms', {} as never)),
    ).toBe('transient');
    expect(failureKind(new Error('while saving', { cause: new MongoNetworkError('x') }))).toBe('transient');
    expect(
      failureKind(Object.assign(new MongoServerError({ message: 'stepping down' }), { code: 189 })),
    ).toBe('transient');
    const buffering = Object.assign(new Error('Operation `x.findOne()` buffering timed out after 10000ms'), {
      name: 'MongooseError',
    });
    expect(failureKind(buffering)).toBe('transient');
  });

  it('counts an unreachable broker and a lost optimistic race as transient', () => {
    expect(failureKind(new KafkaJSConnectionError('Connection error: ECONNREFUSED'))).toBe('transient');
    expect(
      failureKind(
        new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('ECONNREFUSED'), {
          retryCount: 8,
          retryTime: 0,
        }),
      ),
    ).toBe('transient');
    expect(failureKind(protocolError('NOT_LEADER_OR_FOLLOWER', true))).toBe('transient');
    expect(failureKind(new ConcurrentModificationError('payment', 'P-1'))).toBe('transient');
  });

  it('counts bad payloads, domain rejections, duplicate keys and oversized records as permanent', () => {
    expect(failureKind(new PayloadValidationError('t', []))).toBe('permanent');
    expect(failureKind(new Error('declaration DEC-1 is withdrawn'))).toBe('permanent');
    expect(failureKind(Object.assign(new MongoServerError({ message: 'E11000' }), { code: 11000 }))).toBe(
      'permanent',
    );
    expect(failureKind(protocolError('MESSAGE_TOO_LARGE', false))).toBe('permanent');
    expect(failureKind('a string')).toBe('permanent');
  });
});

describe('isPoisonRecord', () => {
  it('names records the broker will never take and events that break their contract', () => {
    expect(isPoisonRecord(protocolError('MESSAGE_TOO_LARGE', false))).toBe(true);
    expect(
      isPoisonRecord(
        new KafkaJSNumberOfRetriesExceeded(protocolError('MESSAGE_TOO_LARGE', false), {
          retryCount: 0,
          retryTime: 0,
        }),
      ),
    ).toBe(true);
    expect(isPoisonRecord(new PayloadValidationError('t', []))).toBe(true);
  });

  it('leaves an unavailable broker to be retried', () => {
    expect(isPoisonRecord(new KafkaJSConnectionError('ECONNREFUSED'))).toBe(false);
    expect(isPoisonRecord(protocolError('NOT_LEADER_OR_FOLLOWER', true))).toBe(false);
  });
});

import { Events, Topics } from '@tongguan/contracts';
import type { KafkaMessage } from 'kafkajs';
import { settlementMessage } from '../test/support/payment-settled';
import { admit } from './admission';

const PREFIX = 'run1.';
const TOPIC = `${PREFIX}${Topics.logistics}`;
const declarationService = {
  topicPrefix: PREFIX,
  handles: (type: string) => type === Events.PaymentSettled.type,
};

function kafkaMessage(
  written: ReturnType<typeof settlementMessage>,
  overrides: { key?: string } = {},
): KafkaMessage {
  return {
    key: Buffer.from(overrides.key ?? written.key),
    value: Buffer.from(written.value),
    headers: written.headers,
    offset: '0',
    timestamp: '0',
    attributes: 0,
  };
}

describe('admit', () => {
  it('admits a valid event of a type the service handles, with its payload', () => {
    const written = settlementMessage('BL-1');
    const verdict = admit(TOPIC, kafkaMessage(written), declarationService);
    expect(verdict).toMatchObject({
      event: { id: written.id, subject: 'BL-1', payload: { shipmentId: 'BL-1' } },
    });
  });

  it('skips an event of a type the service does not handle', () => {
    const verdict = admit(TOPIC, kafkaMessage(settlementMessage('BL-1')), {
      ...declarationService,
      handles: () => false,
    });
    expect(verdict).toEqual({ skip: true });
  });

  it('refuses malformed JSON and a key that is not the shipment, each with its reason', () => {
    const malformed = admit(
      TOPIC,
      kafkaMessage(settlementMessage('BL-1', { value: '{"shipmentId": ' })),
      declarationService,
    );
    expect(malformed).toMatchObject({
      reject: 'PAYLOAD_INVALID',
      error: expect.stringMatching(/malformed JSON/),
    });
    const otherKey = admit(
      TOPIC,
      kafkaMessage(settlementMessage('BL-1'), { key: 'BL-2' }),
      declarationService,
    );
    expect(otherKey).toMatchObject({ reject: 'SUBJECT_MISMATCH' });
  });

  it('refuses an event on a topic its contract does not name', () => {
    const verdict = admit(
      `${PREFIX}${Topics.inspection}`,
      kafkaMessage(settlementMessage('BL-1')),
      declarationService,
    );
    expect(verdict).toMatchObject({ reject: 'TOPIC_MISMATCH' });
  });
});

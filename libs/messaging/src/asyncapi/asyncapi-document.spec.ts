import { Parser } from '@asyncapi/parser';
import { buildAsyncApiDocument } from './asyncapi-document';

describe('the AsyncAPI document', () => {
  const document = buildAsyncApiDocument();
  const components = document.components as {
    schemas: Record<string, { properties?: Record<string, { items?: { $ref?: string } }> }>;
  };

  it('passes the official parser without an error or a warning', async () => {
    const { diagnostics } = await new Parser().parse(JSON.stringify(document));
    expect(diagnostics.filter((d) => d.severity <= 1)).toEqual([]);
  });

  it('describes nested payload classes as schemas of their own (@Type(() => X))', () => {
    expect(components.schemas.PaymentRequestedPayload?.properties?.lines?.items).toEqual({
      $ref: '#/components/schemas/PaymentLine',
    });
    expect(components.schemas.PaymentLine?.properties).toHaveProperty('amountMinor');
  });

  it('has a receive operation per consuming service, in its consumer group', () => {
    const operations = document.operations as Record<string, Record<string, unknown>>;
    expect(operations['receive-logistics-events-v1-declaration']).toMatchObject({
      action: 'receive',
      channel: { $ref: '#/channels/logistics-events-v1' },
      messages: [{ $ref: '#/channels/logistics-events-v1/messages/PaymentSettled' }],
      bindings: { kafka: { groupId: { const: 'tongguan-declaration' } } },
    });
  });

  it('carries a dead-letter message with the dlq_* headers on every .dlq channel', () => {
    const channels = document.channels as Record<string, { address: string; messages: object }>;
    expect(channels['port-events-v1-dlq']).toMatchObject({
      address: 'port.events.v1.dlq',
      messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
    });
    const headers = components.schemas.DeadLetterHeaders as { required: string[] };
    expect(headers.required).toEqual(expect.arrayContaining(['dlq_reason', 'dlq_error', 'dlq_source_topic']));
  });
});

const { Buffer } = require('node:buffer');

const { messageOfSize } = require('./limit');

describe('raw Kafka messages', () => {
  it('are the size of the pipeline mean as the bench consumer counts it: key, value and headers', () => {
    const headers = {
      ce_type: Buffer.from('tongguan.port.BillOfLadingManifested.v1'),
      ce_id: Buffer.from('x'.repeat(36)),
    };
    const message = messageOfSize(700, headers, 42);
    const headerBytes = Object.entries(headers).reduce((sum, [k, v]) => sum + k.length + v.length, 0);
    expect(message.key.length + message.value.length + headerBytes).toBe(700);
    expect(JSON.parse(message.value).shipmentId).toBe(message.key);
  });
});

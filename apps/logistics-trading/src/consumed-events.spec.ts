import { EventConsumers } from '@tongguan/contracts';
import { handledEventNames } from '@tongguan/messaging';

it('consumes exactly the events the contracts (and the AsyncAPI receive operations) say it does', () => {
  expect(handledEventNames(__dirname)).toEqual([...EventConsumers['logistics-trading']].sort());
});

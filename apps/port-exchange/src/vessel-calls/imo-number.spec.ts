import { isValidImoNumber } from './imo-number';

describe('IMO numbers', () => {
  it.each(['9783497', '9074729', '9321483'])('accepts %s', (imo) => {
    expect(isValidImoNumber(imo)).toBe(true);
  });

  it.each([
    ['9783498', 'a wrong check digit'],
    ['9738497', 'two digits swapped'],
    ['978349', 'six digits'],
    ['IMO9783497', 'the IMO prefix'],
    ['97834970', 'eight digits'],
  ])('rejects %s (%s)', (imo) => {
    expect(isValidImoNumber(imo)).toBe(false);
  });
});

import { interpolate, placeholdersOf } from './interpolate';

describe('interpolate', () => {
  it('fills every placeholder it has a parameter for', () => {
    expect(interpolate('报关单 {id} 不存在', { id: 'd-1' })).toBe('报关单 d-1 不存在');
    expect(interpolate('{a} of {b}', { a: 1, b: 2 })).toBe('1 of 2');
  });

  it('leaves a placeholder out, never a brace, when its parameter is missing', () => {
    expect(interpolate('报关单 {id} 不存在')).toBe('报关单不存在');
    expect(interpolate('declaration {id} not found')).toBe('declaration not found');
    expect(interpolate('{id} not found')).toBe('not found');
  });

  it('lists the placeholders of a template', () => {
    expect(placeholdersOf('{a} and {b}')).toEqual(['a', 'b']);
  });
});

import { negotiateLocale } from './locale';

describe('negotiateLocale', () => {
  it('answers in English when the client says nothing or asks only for languages we lack', () => {
    expect(negotiateLocale(undefined)).toBe('en');
    expect(negotiateLocale('')).toBe('en');
    expect(negotiateLocale('fr-FR, de;q=0.8')).toBe('en');
  });

  it('takes Simplified Chinese from zh, zh-CN, zh-SG and zh-Hans in any case', () => {
    for (const header of ['zh', 'zh-CN', 'ZH-cn', 'zh-SG', 'zh-Hans-CN', 'zh-Hans']) {
      expect(negotiateLocale(header)).toBe('zh-CN');
    }
  });

  it('honours q-values rather than the order written', () => {
    expect(negotiateLocale('en;q=0.5, zh-CN;q=0.9')).toBe('zh-CN');
    expect(negotiateLocale('zh-CN;q=0.4, en-GB;q=0.8')).toBe('en');
    expect(negotiateLocale('fr;q=1, zh;q=0.3, en;q=0.2')).toBe('zh-CN');
  });

  it('keeps the written order between equal weights', () => {
    expect(negotiateLocale('zh-CN, en')).toBe('zh-CN');
    expect(negotiateLocale('en-US, zh-CN')).toBe('en');
  });

  it('never picks a language refused with q=0, nor Traditional Chinese for Simplified', () => {
    expect(negotiateLocale('zh-CN;q=0, en;q=0.1')).toBe('en');
    expect(negotiateLocale('zh-TW, zh-CN;q=0.5')).toBe('zh-CN');
    expect(negotiateLocale('zh-Hant')).toBe('en');
  });

  it('survives malformed headers', () => {
    expect(negotiateLocale('zh-CN;q=abc, en;q=0.3')).toBe('en');
    expect(negotiateLocale(';;,, ,')).toBe('en');
    expect(negotiateLocale(['zh-CN;q=0.9', 'en;q=0.5'])).toBe('zh-CN');
  });
});

/**
 * class-validator's constraints, by the code a field problem carries (isLength → IS_LENGTH). `en` lists
 * class-validator's own wordings, which the English answer keeps; their `{constraint1}`-style values are
 * read back out of the message so the Chinese one says the same limits. A decorator's custom message
 * matches none of them and the Chinese answer says the constraint without its values.
 */
export interface ConstraintMessage {
  /** Said when the English is not one of class-validator's own (a custom message): no values. */
  'zh-CN': string;
  /** class-validator's English wordings, each with the Chinese that says it with the same values. */
  variants: readonly { en: string; 'zh-CN': string }[];
}

/** A constraint whose class-validator wording names at most {property}: one Chinese text for both. */
const c = (zh: string, en?: string): ConstraintMessage => ({
  'zh-CN': zh,
  variants: en ? [{ en, 'zh-CN': zh }] : [],
});
/** A constraint whose wording carries values: the fallback without them, then each wording. */
const v = (zh: string, ...variants: [en: string, zh: string][]): ConstraintMessage => ({
  'zh-CN': zh,
  variants: variants.map(([en, withValues]) => ({ en, 'zh-CN': withValues })),
});

export const CONSTRAINT_MESSAGES: Record<string, ConstraintMessage> = {
  IS_STRING: c('{path} 必须是字符串', '{property} must be a string'),
  IS_LENGTH: v(
    '{path} 的长度不符合要求',
    ['{property} must be longer than or equal to {min} characters', '{path} 至少 {min} 个字符'],
    ['{property} must be shorter than or equal to {max} characters', '{path} 最多 {max} 个字符'],
  ),
  MIN_LENGTH: v('{path} 过短', [
    '{property} must be longer than or equal to {min} characters',
    '{path} 至少 {min} 个字符',
  ]),
  MAX_LENGTH: v('{path} 过长', [
    '{property} must be shorter than or equal to {max} characters',
    '{path} 最多 {max} 个字符',
  ]),
  MIN: v('{path} 过小', ['{property} must not be less than {min}', '{path} 不得小于 {min}']),
  MAX: v('{path} 过大', ['{property} must not be greater than {max}', '{path} 不得大于 {max}']),
  IS_INT: c('{path} 必须是整数', '{property} must be an integer number'),
  IS_NUMBER: c('{path} 必须是数字', '{property} must be a number conforming to the specified constraints'),
  IS_POSITIVE: c('{path} 必须是正数', '{property} must be a positive number'),
  IS_BOOLEAN: c('{path} 必须是布尔值', '{property} must be a boolean value'),
  IS_IN: v('{path} 不是允许的值', [
    '{property} must be one of the following values: {values}',
    '{path} 必须是以下值之一：{values}',
  ]),
  IS_ENUM: v('{path} 不是允许的值', [
    '{property} must be one of the following values: {values}',
    '{path} 必须是以下值之一：{values}',
  ]),
  MATCHES: c('{path} 的格式不正确', '{property} must match {pattern} regular expression'),
  IS_ARRAY: c('{path} 必须是数组', '{property} must be an array'),
  ARRAY_MIN_SIZE: v('{path} 的项数过少', [
    '{property} must contain at least {min} elements',
    '{path} 至少包含 {min} 项',
  ]),
  ARRAY_MAX_SIZE: v('{path} 的项数过多', [
    '{property} must contain no more than {max} elements',
    '{path} 最多包含 {max} 项',
  ]),
  ARRAY_UNIQUE: c('{path} 中的各项不得重复', "All {property}'s elements must be unique"),
  ARRAY_NOT_EMPTY: c('{path} 不能为空', '{property} should not be empty'),
  IS_OBJECT: c('{path} 必须是对象', '{property} must be an object'),
  IS_INSTANCE: v('{path} 的类型不正确', [
    '{property} must be an instance of {type}',
    '{path} 的类型必须是 {type}',
  ]),
  NESTED_VALIDATION: c(
    '{path} 必须是对象或数组',
    'nested property {property} must be either object or array',
  ),
  IS_NOT_EMPTY: c('{path} 不能为空', '{property} should not be empty'),
  IS_DEFINED: c('{path} 为必填项', '{property} should not be null or undefined'),
  IS_URL: c('{path} 必须是网址', '{property} must be a URL address'),
  IS_UUID: c('{path} 必须是 UUID', '{property} must be a UUID'),
  IS_ISO8601: c('{path} 必须是 ISO 8601 日期', '{property} must be a valid ISO 8601 date string'),
  IS_RFC3339: c('{path} 必须是 RFC 3339 时间', '{property} must be RFC 3339 date'),
  FIELD_NOT_ALLOWED: c('不允许出现字段 {path}', 'property {property} should not exist'),
  // our own decorators (libs/contracts, apps' DTOs), which always write their own English
  CONTAINER_NUMBER: c('{path} 不是有效的 ISO 6346 集装箱号'),
  IMO_NUMBER: c('{path} 不是有效的 IMO 船舶编号'),
  IS_SOCIAL_CREDIT_CODE: c('{path} 不是有效的统一社会信用代码'),
  IS_CALENDAR_DATE: c('{path} 必须是日历日期（YYYY-MM-DD）'),
  IS_CATALOG_EVENT_TYPE: c('{path} 必须是事件目录中的事件类型'),
  IS_NOT_BEFORE: c('{path} 不得早于起始时间'),
};

/** class-validator's prefix for a constraint checked on each element of an array. */
export const EACH_PREFIX = 'each value in ';

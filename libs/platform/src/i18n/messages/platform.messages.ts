import type { LocalizedText } from '../locale';
import { text } from './text';

/** Errors of the shared platform: requests, bodies, tokens, limits and Nest's own HTTP exceptions. */
export const PLATFORM_MESSAGES: Record<string, LocalizedText> = {
  INTERNAL: text('internal error', '内部错误'),
  'REQUEST.INVALID': text('the request has deficiencies; every one is listed', '请求有误，所有问题均已列出'),
  'REQUEST.INVALID_QUERY': text(
    'the query has problems; every one is listed',
    '查询参数有误，所有问题均已列出',
  ),
  'REQUEST.TOO_DEEP': text('request body nests too deeply', '请求正文嵌套层级过深'),
  'REQUEST.MALFORMED_JSON': text('body is not valid JSON', '请求正文不是有效的 JSON'),
  'REQUEST.TOO_LARGE': text('request body too large', '请求正文过大'),
  'REQUEST.ENCODING_UNSUPPORTED': text(
    'unsupported Content-Encoding: send identity, gzip, deflate or br',
    '不支持的 Content-Encoding：请使用 identity、gzip、deflate 或 br',
  ),
  'REQUEST.CHARSET_UNSUPPORTED': text(
    'unsupported charset: JSON bodies are UTF-8',
    '不支持的字符集：JSON 正文须为 UTF-8',
  ),
  'REQUEST.ABORTED': text('request body was cut short', '请求正文不完整'),
  'REQUEST.LENGTH_MISMATCH': text(
    'request body length does not match Content-Length',
    '请求正文长度与 Content-Length 不符',
  ),
  'REQUEST.BODY_UNREADABLE': text(
    'request body cannot be decoded (corrupt compressed data?)',
    '无法解码请求正文（压缩数据可能已损坏）',
  ),
  'RATE_LIMIT.EXCEEDED': text('too many requests; retry later', '请求过于频繁，请稍后重试'),
  'SHIPMENT.ID_INVALID': text(
    'a shipment id is a bill of lading number: 4-35 letters, digits or dashes',
    '货物编号即提单号：4 至 35 位字母、数字或连字符',
  ),
  'AUTH.TOKEN_MISSING': text('Authorization: Bearer <token> required', '需要 Authorization: Bearer <令牌>'),
  'AUTH.TOKEN_INVALID': text('the token is invalid or expired', '令牌无效或已过期'),
  'AUTH.ROLE_FORBIDDEN': text('your role may not do this', '您的角色无权执行此操作'),
  // Nest's own exceptions (unknown route, a failed ParseUUIDPipe ...) carry no code of ours
  'HTTP.BAD_REQUEST': text('bad request', '请求有误'),
  'HTTP.UNAUTHORIZED': text('unauthorized', '未经认证'),
  'HTTP.FORBIDDEN': text('forbidden', '无权访问'),
  'HTTP.NOT_FOUND': text('not found', '未找到'),
  'HTTP.METHOD_NOT_ALLOWED': text('method not allowed', '不允许使用该方法'),
  'HTTP.NOT_ACCEPTABLE': text('not acceptable', '无法提供可接受的表示形式'),
  'HTTP.CONFLICT': text('conflict', '请求与当前状态冲突'),
  'HTTP.GONE': text('gone', '资源已不存在'),
  'HTTP.PAYLOAD_TOO_LARGE': text('payload too large', '请求正文过大'),
  'HTTP.UNSUPPORTED_MEDIA_TYPE': text('unsupported media type', '不支持的媒体类型'),
  'HTTP.UNPROCESSABLE_ENTITY': text('unprocessable entity', '无法处理的请求内容'),
  'HTTP.TOO_MANY_REQUESTS': text('too many requests', '请求过于频繁'),
  'HTTP.SERVICE_UNAVAILABLE': text('service unavailable', '服务暂不可用'),
};

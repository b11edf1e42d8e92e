import { HttpStatus, Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { InvalidTokenError, verifyToken, type TokenSettings } from '@tongguan/auth';
import { ServiceConfig } from '@tongguan/config';
import type { Request } from 'express';
import { DomainError } from './domain-error';

export const RATE_LIMIT_TOKEN_SETTINGS = Symbol('RATE_LIMIT_TOKEN_SETTINGS');

/** Whose budget a request spends: the token's party (role and party claim), else the caller's IP. */
export function rateSubjectOf(
  request: Pick<Request, 'headers' | 'ip'>,
  settings: TokenSettings,
): { key: string; anonymous: boolean } {
  const [scheme, token] = (request.headers.authorization ?? '').split(' ');
  if (scheme === 'Bearer' && token) {
    try {
      const { role, party } = verifyToken(token, settings);
      return { key: `party:${role}:${party}`, anonymous: false };
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
    }
  }
  return { key: `ip:${request.ip ?? 'unknown'}`, anonymous: true };
}

/**
 * Rate limits per party on every route but /health and /metrics (@SkipThrottle): one budget per party
 * across the routes of an instance (not one per route), a smaller one per IP for callers without a
 * valid token. Registered before the auth guard, so a flood of bad tokens is limited too. Over the
 * limit: 429 with Retry-After and the usual error body.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly config: ServiceConfig,
    @Inject(RATE_LIMIT_TOKEN_SETTINGS) private readonly tokenSettings: TokenSettings,
  ) {
    super(options, storage, reflector);
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    if (request.context.getType() !== 'http') return true;
    const subject = rateSubjectOf(request.context.switchToHttp().getRequest<Request>(), this.tokenSettings);
    return super.handleRequest({
      ...request,
      limit: subject.anonymous ? this.config.RATE_LIMIT_ANONYMOUS : this.config.RATE_LIMIT_PER_PARTY,
      getTracker: () => subject.key,
      generateKey: (_context: ExecutionContext, tracker: string, name: string) => `${name}:${tracker}`,
    });
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new DomainError(
      'RATE_LIMIT.EXCEEDED',
      `more than ${detail.limit} requests in ${detail.ttl / 1000} s; retry after ${detail.timeToBlockExpire} s`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

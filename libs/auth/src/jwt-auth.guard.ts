import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';
import type { Principal, Role } from './roles';
import { InvalidTokenError, verifyToken, type TokenSettings } from './token-verifier';

export const TOKEN_SETTINGS = Symbol('TOKEN_SETTINGS');

/** Global guard: every HTTP route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly settings: TokenSettings,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string>; principal?: Principal }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) {
      throw new UnauthorizedException({
        code: 'AUTH.TOKEN_MISSING',
        message: 'Authorization: Bearer <token> required',
      });
    }
    try {
      request.principal = verifyToken(token, this.settings);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        throw new UnauthorizedException({ code: 'AUTH.TOKEN_INVALID', message: error.message });
      }
      throw error;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.principal.role)) {
      throw new ForbiddenException({
        code: 'AUTH.ROLE_FORBIDDEN',
        message: `role ${request.principal.role} may not do this; needs ${roles.join(' or ')}`,
      });
    }
    return true;
  }
}

import type { Role } from '@tongguan/auth';
import { FEED_ROLES as SCOPED_ROLES } from './scopes/feed-scopes';

/**
 * The roles that may subscribe to and read the platform's events: those the scope table names. The
 * assignment (no cast) makes the compiler check that each is a role a token can carry.
 */
export const FEED_ROLES: Role[] = [...SCOPED_ROLES];

import type { Role } from '@tongguan/auth';
import { FEED_ROLES as SCOPED_ROLES, type FeedRole } from './scopes/feed-scopes';

/** The roles that may subscribe to and read the platform's events: those the scope table names. */
export const FEED_ROLES: Role[] = SCOPED_ROLES satisfies FeedRole[] as Role[];

// every feed role must be a role a token can carry
const everyFeedRoleIsARole: readonly Role[] = SCOPED_ROLES;
void everyFeedRoleIsARole;

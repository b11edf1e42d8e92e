import type { Role } from '@tongguan/auth';

/** The agencies (and operations) that may subscribe to and read the platform's events. */
export const FEED_ROLES: Role[] = ['customs', 'inspection', 'port', 'carrier', 'ops'];

import { Injectable } from '@nestjs/common';
import { lookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { FeedsConfig } from '../feeds-config';
import { addressProblem, bare, isAllowedHost, parseAllowList, type AllowList } from './address-policy';

export type TargetCheck = { ok: true } | { ok: false; problem: string };

/** A connection refused by the policy: the sender reports it as a failed delivery, and logs why. */
export class ForbiddenTargetError extends Error {
  readonly code = 'WEBHOOK_TARGET_FORBIDDEN';
}

/**
 * Whether a webhook URL may be called: its host must resolve only to public addresses, unless the
 * operator's allow-list names the host or the address. `connectLookup` applies the same rule to the
 * address a delivery actually connects to, so a host that resolves elsewhere later (DNS rebinding)
 * is stopped there.
 */
@Injectable()
export class WebhookTargets {
  private readonly allow: AllowList;

  constructor(config: FeedsConfig) {
    this.allow = parseAllowList(config.WEBHOOK_ALLOWED_HOSTS, config.WEBHOOK_ALLOWED_CIDRS).allow;
  }

  /** The check at subscription: every address the host resolves to now. */
  async check(url: string): Promise<TargetCheck> {
    const host = bare(new URL(url).hostname);
    if (isAllowedHost(this.allow, host)) return { ok: true };
    let addresses: string[];
    if (isIP(host) !== 0) addresses = [host];
    else {
      try {
        addresses = (await resolveAll(host)).map((a) => a.address);
      } catch {
        return { ok: false, problem: `${host} does not resolve to an address` };
      }
    }
    for (const address of addresses) {
      const problem = addressProblem(this.allow, address);
      if (problem) return { ok: false, problem: `${host} is ${problem}` };
    }
    return { ok: true };
  }

  /** Refuses a URL whose host is an IP literal outside the policy (no lookup happens for those). */
  literalProblem(url: URL): string | null {
    const host = bare(url.hostname);
    if (isIP(host) === 0 || isAllowedHost(this.allow, host)) return null;
    return addressProblem(this.allow, host);
  }

  /** A `lookup` for http.request: resolves, and fails the connection when any address is outside the policy. */
  readonly connectLookup: LookupFunction = (hostname, options, callback) => {
    const host = bare(hostname);
    resolveAll(host).then(
      (addresses) => {
        const refused = isAllowedHost(this.allow, host)
          ? undefined
          : addresses.find((a) => addressProblem(this.allow, a.address) !== null);
        if (refused) {
          const error = new ForbiddenTargetError(
            `${host} resolved to ${refused.address}: ${addressProblem(this.allow, refused.address)}`,
          );
          return callback(error as NodeJS.ErrnoException, '', 4);
        }
        const wanted =
          options.family === 4 || options.family === 6
            ? addresses.filter((a) => a.family === options.family)
            : addresses;
        if (options.all) return (callback as unknown as AllCallback)(null, wanted);
        const first = wanted[0];
        if (!first)
          return callback(Object.assign(new Error(`${host}: no address`), { code: 'ENOTFOUND' }), '', 4);
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
}

type AllCallback = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;

function resolveAll(host: string): Promise<LookupAddress[]> {
  const options: LookupAllOptions = { all: true, verbatim: true };
  return new Promise((resolve, reject) =>
    lookup(host, options, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );
}

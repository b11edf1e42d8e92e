import jwt from 'jsonwebtoken';

export type Service = 'monitor' | 'declaration' | 'inspection' | 'logistics' | 'port';
export type Role = 'importer' | 'exporter' | 'customs' | 'inspection' | 'port' | 'carrier' | 'ops' | 'agency';
export type Method = 'GET' | 'POST' | 'PUT';

export const DEFAULT_PORTS: Record<Service, number> = {
  monitor: 3000,
  declaration: 3001,
  inspection: 3002,
  logistics: 3003,
  port: 3004,
};

export interface ApiAnswer {
  /** HTTP status; 0 when the service could not be reached. */
  status: number;
  body: any;
}

const LOCAL_SECRET = 'tongguan-local-development-secret';
const TOKEN_HOURS = 12;

/**
 * The platform's public HTTP APIs, called with bearer tokens minted the way scripts/token.js mints
 * them (HS256, issuer tongguan, JWT_SECRET or the local development secret).
 */
export class PlatformApi {
  private readonly tokens = new Map<string, { token: string; renewAtMs: number }>();

  constructor(
    readonly urls: Record<Service, string>,
    private readonly secret: string = process.env.JWT_SECRET || LOCAL_SECRET,
  ) {}

  static onHost(host = '127.0.0.1', ports: Record<Service, number> = DEFAULT_PORTS): PlatformApi {
    const urls = Object.fromEntries(
      Object.entries(ports).map(([service, port]) => [service, `http://${host}:${port}`]),
    ) as Record<Service, string>;
    return new PlatformApi(urls);
  }

  /**
   * A token of TOKEN_HOURS (the services refuse any that lives longer than JWT_MAX_LIFETIME, 24 h by
   * default), minted again an hour before it expires: a simulation runs for days.
   */
  token(role: Role, party: string): string {
    const key = `${role}:${party}`;
    const cached = this.tokens.get(key);
    if (cached && Date.now() < cached.renewAtMs) return cached.token;
    const token = jwt.sign({ role, party }, this.secret, {
      algorithm: 'HS256',
      subject: party,
      issuer: 'tongguan',
      expiresIn: TOKEN_HOURS * 3600,
    });
    this.tokens.set(key, { token, renewAtMs: Date.now() + (TOKEN_HOURS - 1) * 3600_000 });
    return token;
  }

  /**
   * One call; a service that does not answer (a busy machine) is asked again twice, five real seconds
   * apart. A POST asked again may find its first attempt done: callers handle that answer (409/422).
   */
  async call(
    service: Service,
    as: { role: Role; party: string },
    method: Method,
    route: string,
    body?: unknown,
  ): Promise<ApiAnswer> {
    let answer = await this.once(service, as, method, route, body);
    for (let attempt = 0; attempt < 2 && answer.status === 0; attempt++) {
      await new Promise((r) => setTimeout(r, 5_000));
      answer = await this.once(service, as, method, route, body);
    }
    return answer;
  }

  private async once(
    service: Service,
    as: { role: Role; party: string },
    method: Method,
    route: string,
    body?: unknown,
  ): Promise<ApiAnswer> {
    try {
      const response = await fetch(`${this.urls[service]}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token(as.role, as.party)}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // a non-JSON answer stays text
      }
      return { status: response.status, body: parsed };
    } catch (error) {
      return { status: 0, body: { message: (error as Error).message } };
    }
  }
}

/** One line about a refused call: status, code and the first problems listed. */
export function describeAnswer(answer: ApiAnswer): string {
  if (answer.status === 0) return `unreachable (${String(answer.body?.message)})`;
  const body = answer.body ?? {};
  const problems = Array.isArray(body.errors)
    ? body.errors
        .slice(0, 3)
        .map((e: { path?: string; code?: string }) => `${e.path}:${e.code}`)
        .join(', ')
    : '';
  return `${answer.status} ${body.code ?? ''} ${body.message ?? ''}${problems ? ` [${problems}]` : ''}`.trim();
}

import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Where the page's files live in the repository; tsc copies no static files, so they are read from here. */
export const PUBLIC_DIR = path.join('apps', 'clearance-monitor', 'src', 'dashboard', 'public');

/** Only plain file names of these kinds are served: no folders, no dot files, no traversal. */
export const ASSET_NAME = /^[a-z0-9][a-z0-9-]*\.(html|css|js|svg)$/;

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
};

export interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
}

/**
 * Finds the public folder by walking up from this module to the repository root, so the same code
 * works from source (jest), from dist/ (`node dist/...`) and in the Docker image (which copies apps/).
 */
export function findPublicDir(start: string = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, PUBLIC_DIR);
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${PUBLIC_DIR}/index.html not found above ${start}`);
  }
}

/** Reads every servable file once, at boot: a missing file fails the start, not a page load. */
export function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of fs.readdirSync(dir)) {
    const kind = ASSET_NAME.exec(name)?.[1];
    if (!kind) continue;
    const body = fs.readFileSync(path.join(dir, name));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    assets.set(name, { body, contentType: CONTENT_TYPES[kind], etag });
  }
  return assets;
}

@Injectable()
export class DashboardAssets {
  private readonly assets = loadAssets(findPublicDir());

  get(name: string): Asset | undefined {
    return ASSET_NAME.test(name) ? this.assets.get(name) : undefined;
  }
}

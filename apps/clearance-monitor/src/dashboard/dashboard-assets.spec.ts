import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DashboardAssets, findPublicDir, loadAssets, PUBLIC_DIR } from './dashboard-assets';

describe('dashboard assets', () => {
  it('finds the public folder from a compiled location under dist/ as well as from source', () => {
    const fromSource = findPublicDir(__dirname);
    expect(fromSource.endsWith(PUBLIC_DIR)).toBe(true);
    const repoRoot = fromSource.slice(0, -PUBLIC_DIR.length);
    const distDir = path.join(repoRoot, 'dist', 'apps', 'clearance-monitor', 'src', 'dashboard');
    expect(findPublicDir(distDir)).toBe(fromSource);
  });

  it('serves the page, its script and styles, and nothing outside the folder', () => {
    const assets = new DashboardAssets();
    expect(assets.get('index.html')?.contentType).toBe('text/html; charset=utf-8');
    expect(assets.get('app.js')?.contentType).toBe('text/javascript; charset=utf-8');
    expect(assets.get('dashboard.css')?.body.length).toBeGreaterThan(0);
    for (const name of ['../dashboard-assets.ts', '..%2Fmain.ts', '.env', 'index.html/..', 'missing.js']) {
      expect(assets.get(name)).toBeUndefined();
    }
  });

  it('skips files whose names are not servable and fails loudly when the folder is missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-'));
    fs.writeFileSync(path.join(dir, 'ok.js'), 'x');
    fs.writeFileSync(path.join(dir, '.secret.js'), 'x');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'x');
    expect([...loadAssets(dir).keys()]).toEqual(['ok.js']);
    expect(() => findPublicDir(os.tmpdir())).toThrow(/index.html not found/);
  });
});

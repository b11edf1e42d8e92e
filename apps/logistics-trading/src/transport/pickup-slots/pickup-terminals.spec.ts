import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPickupTerminals, parsePickupTerminals } from './pickup-terminals';

const terminal = (overrides: object = {}) => ({
  id: 'CNSZX-SCT',
  name: 'Shekou',
  utcOffsetMinutes: 480,
  openWeekdays: [1, 2, 3, 4, 5, 6],
  opensAt: '07:00',
  closesAt: '23:00',
  capacityPerHour: 30,
  ...overrides,
});

describe('parsePickupTerminals', () => {
  it('accepts well-formed terminals and finds them by id', () => {
    const terminals = parsePickupTerminals({ terminals: [terminal()] });
    expect(terminals.find('CNSZX-SCT')?.capacityPerHour).toBe(30);
    expect(terminals.find('NOPE')).toBeUndefined();
  });

  it('lists every problem at once', () => {
    const raw = {
      terminals: [
        terminal({ capacityPerHour: 0, openWeekdays: [0, 8] }),
        terminal({ opensAt: '07:30', colour: 'red' }),
        terminal({ opensAt: '20:00', closesAt: '08:00' }),
      ],
    };
    let message = '';
    try {
      parsePickupTerminals(raw, 'PICKUP_SLOTS_FILE (x.json)');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^PICKUP_SLOTS_FILE \(x\.json\) invalid/);
    expect(message).toMatch(/terminals\.0\.capacityPerHour/);
    expect(message).toMatch(/terminals\.0\.openWeekdays/);
    expect(message).toMatch(/terminals\.1\.opensAt: opensAt must be a whole hour/);
    expect(message).toMatch(/terminals\.1\.colour/);
    expect(message).toMatch(/terminals\.1\.id: CNSZX-SCT appears twice/);
    expect(message).toMatch(/terminals\.2\.closesAt: must be after opensAt/);
  });

  it('needs at least one terminal', () => {
    expect(() => parsePickupTerminals({ terminals: [] })).toThrow(/terminals/);
  });
});

describe('loadPickupTerminals', () => {
  const saved = process.env.PICKUP_SLOTS_FILE;
  afterEach(() => {
    if (saved === undefined) delete process.env.PICKUP_SLOTS_FILE;
    else process.env.PICKUP_SLOTS_FILE = saved;
  });

  it('loads the file shipped with the app by default', () => {
    delete process.env.PICKUP_SLOTS_FILE;
    expect(loadPickupTerminals().ids).toEqual(expect.arrayContaining(['CNSZX-YICT', 'CNSZX-SCT']));
  });

  it('reads PICKUP_SLOTS_FILE instead when set, and names it when it is invalid', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pickup-slots-'));
    const file = path.join(dir, 'slots.json');
    fs.writeFileSync(file, JSON.stringify({ terminals: [terminal({ capacityPerHour: 1 })] }));
    process.env.PICKUP_SLOTS_FILE = file;
    expect(loadPickupTerminals().find('CNSZX-SCT')?.capacityPerHour).toBe(1);
    fs.writeFileSync(file, JSON.stringify({ terminals: [terminal({ capacityPerHour: -1 })] }));
    expect(() => loadPickupTerminals()).toThrow(`PICKUP_SLOTS_FILE (${file}) invalid`);
    fs.rmSync(dir, { recursive: true });
  });
});

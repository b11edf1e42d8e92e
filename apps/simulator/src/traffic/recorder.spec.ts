import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadScenario } from '../scenario/scenario-file';
import { readRecording, Recorder, withBlPrefix } from './recorder';
import { TrafficPlanner } from './traffic-plan';

describe('recording and replay', () => {
  const { scenario } = loadScenario('baseline');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sim-')), 'day.jsonl');

  it('reads back the run, every vessel call with its draws, and the result', () => {
    const calls = new TrafficPlanner(scenario, 'SIMOLD', 0).plan(9);
    const recorder = new Recorder(file);
    recorder.run(scenario, 'SIMOLD', '2026-03-02T00:00:00.000Z', 1200);
    calls.forEach((call) => recorder.vesselCall(call));
    recorder.result({ count: 9 });
    const recording = readRecording(file);
    expect(recording).toMatchObject({
      blPrefix: 'SIMOLD',
      clockEpoch: '2026-03-02T00:00:00.000Z',
      clockSpeed: 1200,
    });
    expect(recording.scenario).toEqual(scenario);
    expect(recording.calls).toEqual(calls);
    expect(recording.stats).toEqual({ count: 9 });
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1 + calls.length + 1);
  });

  it('moves the replayed B/L numbers to a new prefix and keeps every draw', () => {
    const calls = new TrafficPlanner(scenario, 'SIMOLD', 0).plan(5);
    const moved = withBlPrefix(calls, 'SIMOLD', 'SIMNEW');
    expect(moved.flatMap((c) => c.shipments.map((s) => s.blNumber))).toEqual(
      calls.flatMap((c) => c.shipments.map((s) => s.blNumber.replace('SIMOLD', 'SIMNEW'))),
    );
    expect(moved[0].shipments[0]).toEqual({
      ...calls[0].shipments[0],
      blNumber: moved[0].shipments[0].blNumber,
    });
  });

  it('names the line of a broken recording, and refuses a file that is not one', () => {
    fs.writeFileSync(file, '{"kind":"vessel-call","call":{"shipments":[]}}\nnot json\n');
    expect(() => readRecording(file)).toThrow(/day\.jsonl:2: not JSON/);
    fs.writeFileSync(file, '{"kind":"vessel-call","call":{"shipments":[]}}\n');
    expect(() => readRecording(file)).toThrow(/no "run" line/);
  });
});

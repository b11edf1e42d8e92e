import {
  readGreenChannelRegister,
  type AeoCertificate,
  type GreenChannelRegisterData,
  type MajorProject,
} from '@tongguan/agencies';
import fs from 'node:fs';
import path from 'node:path';
import type { Incidents } from '../platform/incidents';
import { describeAnswer, type PlatformApi } from '../platform/platform-api';
import { AEO_TRADERS, MAJOR_PROJECT_TRADERS } from '../traffic/traffic-plan';

/** Valid whatever day the business clock shows: the simulated traders keep their status for the run. */
const VALIDITY = { validFrom: '2020-01-01', validTo: '2099-12-31' };

const number = (k: number) => String(k).padStart(2, '0');

/** The simulator's AEO traders (SIM-AEO-01...) with their certificates. */
export const SIMULATED_AEO: readonly AeoCertificate[] = Array.from({ length: AEO_TRADERS }, (_, i) => ({
  partyId: `SIM-AEO-${number(i + 1)}`,
  certificate: `CN4403AEOSIM${number(i + 1)}`,
  level: 'advanced' as const,
  ...VALIDITY,
}));

/** The simulator's major projects, each registered to the trader that carries it out (SIM-PROJECT-01...). */
export const SIMULATED_MAJOR_PROJECTS: readonly MajorProject[] = Array.from(
  { length: MAJOR_PROJECT_TRADERS },
  (_, i) => ({
    code: `MP-2026-SZ-SIM${number(i + 1)}`,
    partyId: `SIM-PROJECT-${number(i + 1)}`,
    name: `Simulated major project ${i + 1} (port traffic simulator)`,
    ...VALIDITY,
  }),
);

/** The certificate a filing of this importer names (the register's own), if it is an AEO trader. */
export function aeoCertificateOf(importerId: string): string | undefined {
  return SIMULATED_AEO.find((c) => c.partyId === importerId)?.certificate;
}

/** The major project registered to this importer, if any. */
export function majorProjectOf(importerId: string): string | undefined {
  return SIMULATED_MAJOR_PROJECTS.find((p) => p.partyId === importerId)?.code;
}

/** The register as shipped (config/green-channel.json) with the simulator's traders added. */
export function registerWithSimulatedTraders(
  shipped: GreenChannelRegisterData = readGreenChannelRegister({}),
): GreenChannelRegisterData {
  const ours = new Set([...SIMULATED_AEO, ...SIMULATED_MAJOR_PROJECTS].map((e) => e.partyId));
  return {
    aeo: [...shipped.aeo.filter((c) => !ours.has(c.partyId)), ...SIMULATED_AEO],
    majorProjects: [
      ...shipped.majorProjects.filter((p) => !ours.has(p.partyId)),
      ...SIMULATED_MAJOR_PROJECTS,
    ],
  };
}

/** Writes the register file an isolated platform reads (GREEN_CHANNEL_REGISTER_FILE). */
export function writeRegisterFile(directory: string): string {
  const file = path.join(directory, 'green-channel.json');
  const register = registerWithSimulatedTraders();
  const data = {
    version: 1,
    description: 'config/green-channel.json with the traffic simulator’s AEO and major-project traders',
    ...register,
  };
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

/**
 * On a platform already running, the simulator's traders are put on its register over the declaration
 * service's API (role customs), as an operator would; a refusal is counted, and their filings then
 * simply earn nothing.
 */
export async function registerOnPlatform(api: PlatformApi, incidents: Incidents): Promise<void> {
  const officer = { role: 'customs' as const, party: 'SIM-CUSTOMS-REGISTRAR' };
  for (const { partyId, ...certificate } of SIMULATED_AEO) {
    const answer = await api.call(
      'declaration',
      officer,
      'PUT',
      `/v1/green-channel/aeo/${partyId}`,
      certificate,
    );
    if (answer.status >= 300)
      incidents.record('green channel: AEO registration refused', `${partyId} ${describeAnswer(answer)}`);
  }
  for (const { code, ...project } of SIMULATED_MAJOR_PROJECTS) {
    const answer = await api.call(
      'declaration',
      officer,
      'PUT',
      `/v1/green-channel/major-projects/${code}`,
      project,
    );
    if (answer.status >= 300)
      incidents.record(
        'green channel: major project registration refused',
        `${code} ${describeAnswer(answer)}`,
      );
  }
}

import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { validateDataFile } from '@tongguan/config';
import { readAppJson } from '@tongguan/platform';

export class InspectionSite {
  @Matches(/^[A-Z0-9-]{2,40}$/) id: string;
  @IsString() @Length(1, 200) name: string;
  @IsInt() @Min(1) @Max(10_000) dailySlots: number;
  @IsInt() @Min(0) @Max(10_000) greenReservedSlots: number;
}

/** Where RED shipments are physically inspected, and how many a day each site can take. */
export class InspectionSites {
  @IsOptional() @IsString() description?: string;
  @Matches(/^[A-Z0-9-]{2,40}$/) defaultSite: string;
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => InspectionSite)
  sites: InspectionSite[];

  site(id = this.defaultSite): InspectionSite {
    const site = this.sites.find((s) => s.id === id);
    if (!site) throw new Error(`no inspection site ${id}`);
    return site;
  }
}

export function parseInspectionSites(raw: unknown, source = 'inspection sites'): InspectionSites {
  return validateDataFile(InspectionSites, raw, `Inspection sites in ${source}`, (value) => {
    const sites = Array.isArray(value.sites) ? value.sites : [];
    const problems = sites.flatMap((s, i) =>
      s && s.greenReservedSlots > s.dailySlots
        ? [`sites.${i}.greenReservedSlots: more than the daily slots`]
        : [],
    );
    if (typeof value.defaultSite === 'string' && !sites.some((s) => s?.id === value.defaultSite)) {
      problems.push(`defaultSite: ${value.defaultSite} is not one of the sites`);
    }
    return problems;
  });
}

/** Reads INSPECTION_SITES_FILE, or the file shipped with the app. */
export function loadInspectionSites(): InspectionSites {
  return parseInspectionSites(readAppJson('inspection', 'INSPECTION_SITES_FILE', 'inspection-sites.json'));
}

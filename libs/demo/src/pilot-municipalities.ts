import type { GrantScheme, Sector } from '@bti/domain';

/**
 * The twelve municipalities of the 0–24 pilot ("Pilot for programfinansiering"), by county, with their
 * 2019 grants from the five schemes (NOK 1000) and the pilot allocations 2020–2022 (NOK), as the
 * evaluation reports give them (../shared/domain/requirements.md). Population (thousands, rounded)
 * sizes the synthetic families.
 */
export interface PilotMunicipality {
  readonly municipalityId: string;
  readonly name: string;
  readonly county: string;
  readonly populationThousands: number;
  readonly grants2019: Readonly<Record<GrantScheme, number>>;
  readonly pilotAllocations: readonly [number, number, number];
}

const grants = (
  k231p63: number,
  k231p66: number,
  k621p63: number,
  k765p60: number,
  k846p62: number,
): Record<GrantScheme, number> => ({
  'kap-231-post-63': k231p63,
  'kap-231-post-66': k231p66,
  'kap-621-post-63': k621p63,
  'kap-765-post-60': k765p60,
  'kap-846-post-62': k846p62,
});

export const PILOT_MUNICIPALITIES: readonly PilotMunicipality[] = [
  {
    municipalityId: 'naeroysund',
    name: 'Nærøysund kommune',
    county: 'Trøndelag',
    populationThousands: 9.8,
    grants2019: grants(0, 0, 0, 0, 0),
    pilotAllocations: [2_520_000, 2_598_000, 2_666_000],
  },
  {
    municipalityId: 'namsos',
    name: 'Namsos kommune',
    county: 'Trøndelag',
    populationThousands: 15.2,
    grants2019: grants(245, 0, 422, 600, 500),
    pilotAllocations: [2_970_000, 3_062_000, 3_142_000],
  },
  {
    municipalityId: 'trondheim',
    name: 'Trondheim kommune',
    county: 'Trøndelag',
    populationThousands: 212,
    grants2019: grants(5_543, 895, 0, 12_903, 0),
    pilotAllocations: [12_300_000, 12_680_000, 13_009_000],
  },
  {
    municipalityId: 'froya',
    name: 'Frøya kommune',
    county: 'Trøndelag',
    populationThousands: 5.3,
    grants2019: grants(266, 0, 203, 0, 0),
    pilotAllocations: [1_880_000, 1_938_000, 1_989_000],
  },
  {
    municipalityId: 'vestre-toten',
    name: 'Vestre Toten kommune',
    county: 'Innlandet',
    populationThousands: 13.4,
    grants2019: grants(287, 0, 0, 660, 0),
    pilotAllocations: [2_260_000, 2_330_000, 2_391_000],
  },
  {
    municipalityId: 'elverum',
    name: 'Elverum kommune',
    county: 'Innlandet',
    populationThousands: 21.6,
    grants2019: grants(387, 0, 0, 2_230, 0),
    pilotAllocations: [2_700_000, 2_784_000, 2_856_000],
  },
  {
    municipalityId: 'tynset',
    name: 'Tynset kommune',
    county: 'Innlandet',
    populationThousands: 5.6,
    grants2019: grants(228, 0, 0, 42, 0),
    pilotAllocations: [1_790_000, 1_846_000, 1_894_000],
  },
  {
    municipalityId: 'nordre-land',
    name: 'Nordre Land kommune',
    county: 'Innlandet',
    populationThousands: 6.6,
    grants2019: grants(190, 0, 0, 720, 0),
    pilotAllocations: [1_790_000, 1_846_000, 1_894_000],
  },
  {
    municipalityId: 'bamble',
    name: 'Bamble kommune',
    county: 'Vestfold og Telemark',
    populationThousands: 14.1,
    grants2019: grants(252, 0, 432, 250, 0),
    pilotAllocations: [2_220_000, 2_289_000, 2_348_000],
  },
  {
    municipalityId: 'siljan',
    name: 'Siljan kommune',
    county: 'Vestfold og Telemark',
    populationThousands: 2.3,
    grants2019: grants(269, 0, 0, 0, 0),
    pilotAllocations: [1_790_000, 1_846_000, 1_894_000],
  },
  {
    municipalityId: 'horten',
    name: 'Horten kommune',
    county: 'Vestfold og Telemark',
    populationThousands: 27.8,
    grants2019: grants(808, 245, 1_220, 1_100, 0),
    pilotAllocations: [3_130_000, 3_227_000, 3_311_000],
  },
  {
    municipalityId: 'larvik',
    name: 'Larvik kommune',
    county: 'Vestfold og Telemark',
    populationThousands: 48.2,
    grants2019: grants(1_140, 414, 0, 550, 0),
    pilotAllocations: [3_960_000, 4_083_000, 4_189_000],
  },
];

/** The services every demo municipality registers: one per sector the BTI journey needs. */
export const DEMO_SERVICES: readonly { suffix: string; name: string; sector: Sector }[] = [
  { suffix: 'helsestasjon', name: 'Helsestasjon og skolehelsetjeneste', sector: 'helsestasjon' },
  { suffix: 'barnehage', name: 'Kommunale barnehager', sector: 'barnehage' },
  { suffix: 'skole', name: 'Grunnskolen', sector: 'skole' },
  { suffix: 'ppt', name: 'PPT', sector: 'ppt' },
  { suffix: 'barnevern', name: 'Barneverntjenesten', sector: 'barnevern' },
  { suffix: 'nav', name: 'NAV', sector: 'nav' },
  { suffix: 'kultur', name: 'Kultur og fritid', sector: 'kultur' },
];

export const FIRST_NAMES = [
  'Emma',
  'Nora',
  'Olivia',
  'Ella',
  'Sofie',
  'Leah',
  'Frida',
  'Ingrid',
  'Maja',
  'Sara',
  'Jakob',
  'Noah',
  'Emil',
  'Lucas',
  'Oliver',
  'Isak',
  'Aksel',
  'Filip',
  'Henrik',
  'Magnus',
  'Amir',
  'Yusuf',
  'Mariam',
  'Aisha',
  'Liv',
  'Tiril',
  'Sander',
  'Tobias',
  'Selma',
  'Vetle',
];
export const ADULT_NAMES = [
  'Kari',
  'Ole',
  'Anne',
  'Per',
  'Lise',
  'Hans',
  'Marit',
  'Jon',
  'Hilde',
  'Tor',
  'Siri',
  'Geir',
  'Nina',
  'Arne',
  'Randi',
  'Bjørn',
  'Hanne',
  'Espen',
  'Fatima',
  'Ali',
];
export const SURNAMES = [
  'Hansen',
  'Johansen',
  'Olsen',
  'Larsen',
  'Andersen',
  'Pedersen',
  'Nilsen',
  'Kristiansen',
  'Jensen',
  'Karlsen',
  'Berg',
  'Haugen',
  'Hagen',
  'Eriksen',
  'Bakken',
  'Moen',
  'Ahmed',
  'Nguyen',
];

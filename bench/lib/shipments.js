// What the benchmark ships: the goods of each risk channel, container numbers with valid check digits,
// and the documents a shipment's parties send.

// ISO 6346 letter values skip multiples of 11; weights are 2^position; mod 11, 10 -> 0
const LETTERS = {};
for (let letter = 0, value = 10; letter < 26; letter++, value++) {
  if (value % 11 === 0) value++;
  LETTERS[String.fromCharCode(65 + letter)] = value;
}

function containerNumber(owner, serial) {
  const firstTen = `${owner}${String(serial).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (i < 4 ? LETTERS[firstTen[i]] : Number(firstTen[i])) * 2 ** i;
  return `${firstTen}${(sum % 11) % 10}`;
}

/** The shipment kinds of --mix: what is declared decides the risk channel (RISK_RANDOM_RATE=0). */
const KINDS = {
  GREEN: {
    hsCode: '870323',
    description: 'Passenger car, petrol engine 1.5-3.0 l',
    originCountry: 'DE',
    quantity: 2,
    unit: 'NAR',
    netWeightKg: 2900,
    customsValue: 40000,
  },
  YELLOW: {
    hsCode: '030389',
    description: 'Frozen fish',
    originCountry: 'NO',
    quantity: 2900,
    unit: 'KGM',
    netWeightKg: 2900,
    customsValue: 18000,
  },
  RED: {
    hsCode: '870323',
    description: 'Passenger car, petrol engine 1.5-3.0 l',
    originCountry: 'IR',
    quantity: 2,
    unit: 'NAR',
    netWeightKg: 2900,
    customsValue: 40000,
  },
};

/** green,yellow,red weights -> the cycle of kinds shipment i takes its kind from. */
const kindCycle = (mix) => ['GREEN', 'YELLOW', 'RED'].flatMap((kind, i) => Array(mix[i]).fill(kind));

const TRADERS = 10;

/** The manifest line of a B/L: two containers, consigned to the trader that will declare it. */
function manifestLine(bl, trader, serial) {
  return {
    blNumber: bl,
    consignee: 'SHENZHEN TRADING CO',
    consigneePartyId: trader,
    containerNumbers: [containerNumber('BNCU', serial), containerNumber('BNCU', serial + 1)],
    packages: 2,
    grossWeightKg: 3100,
  };
}

/** The importer's declaration of the B/L, filed by its broker. */
function declaration(bl, kind, voyage) {
  return {
    blNumber: bl,
    declarantId: 'BROKER-7',
    consignor: { name: 'ACME GMBH', country: 'DE' },
    consignee: { name: 'SHENZHEN TRADING CO', country: 'CN' },
    vesselName: 'BENCH CARRIER',
    voyage,
    portOfLoading: 'DEHAM',
    portOfDischarge: 'CNSZX',
    incoterm: 'CIF',
    currency: 'EUR',
    totalPackages: 2,
    grossWeightKg: 3100,
    items: [KINDS[kind]],
  };
}

module.exports = { containerNumber, KINDS, kindCycle, TRADERS, manifestLine, declaration };

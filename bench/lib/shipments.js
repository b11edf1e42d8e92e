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
    hsCode: '8703239000',
    description: 'Passenger car, petrol engine 1.5-3.0 l',
    originCountry: 'DE',
    quantity: 2,
    unit: 'NAR',
    netWeightKg: 2900,
    customsValue: 40000,
  },
  YELLOW: {
    hsCode: '0303899000',
    description: 'Frozen fish',
    originCountry: 'NO',
    quantity: 2900,
    unit: 'KGM',
    netWeightKg: 2900,
    customsValue: 18000,
  },
  RED: {
    hsCode: '8703239000',
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

// the importer and its broker as customs registered them (unified social credit code, customs code)
const TRADER = {
  name: 'SHENZHEN TRADING CO',
  socialCreditCode: '91440300MA5TRAD01A',
  customsCode: '4403160001',
};
const DECLARANT = {
  name: 'SHENZHEN HARBOUR CUSTOMS BROKERS',
  socialCreditCode: '91440300MA5BRKR07B',
  customsCode: '4403980007',
};
// what the declaration service's config/commodity-requirements.json asks of these headings on import
const DOCUMENTS = { 8703: ['O', 'A'], '0303': ['A'] };

/** A line as the data set has it: legal quantities (kilograms = net weight), packages, documents, regime. */
function dataSetLine(goods, packages) {
  const weighed = goods.unit === 'KGM';
  return {
    ...goods,
    legalQuantity: { quantity: weighed ? goods.netWeightKg : goods.quantity, unit: goods.unit },
    ...(weighed ? {} : { secondLegalQuantity: { quantity: goods.netWeightKg, unit: 'KGM' } }),
    packages: { count: packages, type: weighed ? 'CT' : 'NE' },
    documents: (DOCUMENTS[goods.hsCode.slice(0, 4)] ?? []).map((code) => ({
      code,
      number: `${code}-BENCH-1`,
    })),
    dutyRegime: '1',
  };
}

/** The parties, transport, location, previous document and invoice of a one-line declaration. */
function dataSetHeader(bl, containerNumbers, currency, amount) {
  return {
    declarationType: 'ordinary',
    declarant: DECLARANT,
    trader: TRADER,
    consignee: { name: TRADER.name, country: 'CN', socialCreditCode: TRADER.socialCreditCode },
    transportMode: '2',
    meansNationality: 'CN',
    containers: containerNumbers.map((number) => ({ number, sizeType: '45G1', itemNumbers: [1] })),
    goodsLocation: 'CNSZXYTN',
    previousDocuments: [{ type: '705', reference: bl }],
    invoice: { number: `INV-${bl}`.slice(0, 35), currency, amount },
  };
}

const HEADER_FIELDS = Object.keys(dataSetHeader('X', [], 'EUR', 1)).filter((k) => k !== 'consignee');
const LINE_FIELDS = ['legalQuantity', 'secondLegalQuantity', 'packages', 'documents', 'dutyRegime'];

/** The declaration as a checkout from before the data set takes it (--ref of an older commit). */
function beforeDataSet(body) {
  const older = { ...body, consignee: { name: body.consignee.name, country: body.consignee.country } };
  for (const field of HEADER_FIELDS) delete older[field];
  older.items = body.items.map((item) => {
    const line = { ...item, hsCode: item.hsCode.slice(0, 6) };
    for (const field of LINE_FIELDS) delete line[field];
    return line;
  });
  return older;
}

/** A 422 of a checkout from before the data set: its DTO does not know the trader. */
const refusesDataSet = (body) =>
  Array.isArray(body?.errors) &&
  body.errors.some((e) => e.path === 'trader' && e.code === 'FIELD_NOT_ALLOWED');

/** The importer's declaration of the B/L, filed by its broker. */
function declaration(bl, kind, voyage, containerNumbers) {
  return {
    blNumber: bl,
    declarantId: 'BROKER-7',
    consignor: { name: 'ACME GMBH', country: 'DE' },
    vesselName: 'BENCH CARRIER',
    voyage,
    portOfLoading: 'DEHAM',
    portOfDischarge: 'CNSZX',
    incoterm: 'CIF',
    currency: 'EUR',
    totalPackages: 2,
    grossWeightKg: 3100,
    ...dataSetHeader(bl, containerNumbers, 'EUR', KINDS[kind].customsValue),
    items: [dataSetLine(KINDS[kind], 2)],
  };
}

module.exports = {
  containerNumber,
  KINDS,
  kindCycle,
  TRADERS,
  manifestLine,
  declaration,
  dataSetHeader,
  dataSetLine,
  beforeDataSet,
  refusesDataSet,
};

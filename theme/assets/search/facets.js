// Filters and facets (src/Archive/Search/Contract/FORMAT.md §2): the year, region and bureau filters restrict the
// matches after matching, each with any number of values (OR within a facet, AND across facets); each facet is
// counted over the matches that pass the other two filters, so the other years, regions and bureaus stay visible and
// can be added to the choice.  places: where every doc sits in the catalog, as the engine keeps it: bureauOfDoc
// (each doc's bureau index), bureauPaths (each bureau's region path from the top), regionByCode, bureauById.

const MAX_BUREAUS = 100;
// Years covered are counted in an array indexed by the year itself.
const YEARS = 10000;

/** A filter value or values as a list: absent, '' and null are none. */
export function values(v) {
  if (v === null || v === undefined || v === '') return [];
  return (Array.isArray(v) ? v : [v]).filter(x => x !== null && x !== undefined && x !== '').map(String);
}

/**
 * The filters as a test of docs. Each facet takes several values, any of which a doc may have (OR within a facet);
 * a doc must pass every facet (AND across): { years: [year…], from, to, regions: [code…], bureaus: [id…], kinds:
 * [kind of department…] } (a year
 * range from…to, either end open; the scalars year, region and bureau are one value each). passes(d, skip) tells
 * whether doc d passes every facet but the one named by skip ('year' | 'region' | 'bureau' | 'kind' | null) (skipping
 * 'year' leaves out the chosen years but keeps the range, so that the years offered are the ones that can be added); it is null when nothing is filtered. chosen: the chosen bureaus' indexes (−1 for an
 * unknown id).
 */
export function docFilter({ year, years, from, to, region, regions, bureau, bureaus, kinds }, places, docYears) {
  const yearList = [...values(year), ...values(years)].map(Number);
  const regionList = [...values(region), ...values(regions)].map(code => places.regionByCode.get(code) ?? -1);
  const bureauList = [...values(bureau), ...values(bureaus)].map(id => places.bureauById.get(id) ?? -1);
  const yearSet = yearList.length > 0 ? new Set(yearList) : null;
  const regionSet = regionList.length > 0 ? new Set(regionList) : null;
  const bureauSet = bureauList.length > 0 ? new Set(bureauList) : null;
  // A bureau without a kind has the kind ''; the page sends it as '-' (an empty value is no value in an address).
  const kindList = (kinds === null || kinds === undefined ? [] : [kinds].flat()).map(String).map(name => places.kindByName.get(name === '-' ? '' : name) ?? -2);
  const kindSet = kindList.length > 0 ? new Set(kindList) : null;
  const first = values(from).length > 0 ? Number(from) : null;
  const last = values(to).length > 0 ? Number(to) : null;
  const inRange = y => (first === null || y >= first) && (last === null || y <= last);
  const yearPasses = y => (yearSet === null || yearSet.has(y)) && inRange(y);
  const regionPasses = owner => regionSet === null || places.bureauPaths[owner].some(r => regionSet.has(r));
  const passes = (d, skip) =>
    // The year counts keep the range (a year outside it cannot be chosen) and leave out only the chosen years.
    (skip === 'year' ? inRange(docYears[d]) : yearPasses(docYears[d])) &&
    (skip === 'region' || regionPasses(places.bureauOfDoc[d])) &&
    (skip === 'bureau' || bureauSet === null || bureauSet.has(places.bureauOfDoc[d])) &&
    (skip === 'kind' || kindSet === null || kindSet.has(places.kindOfBureau[places.bureauOfDoc[d]]));
  const none = yearSet === null && first === null && last === null && regionSet === null && bureauSet === null && kindSet === null;
  return { passes: none ? null : passes, chosen: bureauList };
}

/**
 * Counts per year, region (provinces and cities), bureau and kind of department, each over the matches that pass the other filters
 * (passes(d, skip); null when nothing is filtered). Counted per bureau first: regions follow from bureaus.
 */
export function countFacets(matching, catalog, table, passes, places) {
  const years = new Map();
  const perBureau = new Uint32Array(catalog.bureaus.ids.length);
  const forRegions = passes === null ? perBureau : new Uint32Array(catalog.bureaus.ids.length);
  const forKinds = passes === null ? perBureau : new Uint32Array(catalog.bureaus.ids.length);
  const perYear = new Uint32Array(YEARS);
  const owners = places.bureauOfDoc;
  if (passes === null) {
    for (const d of matching) {
      perYear[table.years[d]]++;
      perBureau[owners[d]]++;
    }
  } else {
    for (const d of matching) {
      const owner = owners[d];
      if (passes(d, 'year')) perYear[table.years[d]]++;
      if (passes(d, 'region')) forRegions[owner]++;
      if (passes(d, 'bureau')) perBureau[owner]++;
      if (passes(d, 'kind')) forKinds[owner]++;
    }
  }
  const perKind = new Map();
  forKinds.forEach((count, owner) => {
    const kind = places.kindOfBureau[owner];
    if (count > 0 && kind >= 0) perKind.set(kind, (perKind.get(kind) ?? 0) + count);
  });
  perYear.forEach((count, year) => { if (count > 0) years.set(year, count); });
  const regions = new Map();
  forRegions.forEach((count, owner) => {
    if (count === 0) return;
    places.bureauPaths[owner].slice(0, 2).forEach((r, depth) => regions.set(r, { depth, count: (regions.get(r)?.count ?? 0) + count }));
  });
  const bureaus = [];
  perBureau.forEach((count, b) => { if (count > 0) bureaus.push({ id: catalog.bureaus.ids[b], index: b, name: null, count }); });
  return {
    years: [...years].map(([year, count]) => ({ year, count })).sort((a, b) => b.year - a.year),
    regions: [...regions].sort((a, b) => compareIds(catalog.regions[a[0]].code, catalog.regions[b[0]].code))
      .map(([r, { depth, count }]) => ({ code: catalog.regions[r].code, name: catalog.regions[r].name, depth, count })),
    bureaus,
    moreBureaus: 0,
    kinds: [...perKind].sort((a, b) => a[0] - b[0]).map(([kind, count]) => ({ name: places.kindNames[kind], count })),
  };
}

/**
 * Names the bureaus of the bureau facet, from the bureau blocks. A national archive has thousands of bureaus: a
 * list that long can be neither read nor fetched cheaply, so past MAX_BUREAUS only the chosen bureaus are listed
 * and the rest counted (choosing a region narrows the list, its bureaus being neighbours in the blocks).
 */
export async function nameBureaus(index, facets, chosen) {
  if (facets.bureaus.length > MAX_BUREAUS) {
    facets.moreBureaus = facets.bureaus.length;
    facets.bureaus = facets.bureaus.filter(b => chosen.includes(b.index));
    facets.moreBureaus -= facets.bureaus.length;
  }
  await Promise.all(facets.bureaus.map(async b => {
    b.name = (await index.bureau(b.index)).name;
  }));
}

function compareIds(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

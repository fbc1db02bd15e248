// Filters and facets (src/Archive/Search/Contract/FORMAT.md §2): the year, region and bureau filters restrict the
// matches after matching; each facet is counted over the matches that pass the other two filters, so the other years,
// regions and bureaus stay visible.  places: where every doc sits in the catalog, as the engine keeps it: bureauOfDoc
// (each doc's bureau index), bureauPaths (each bureau's region path from the top), regionByCode, bureauById.

const MAX_BUREAUS = 100;
// Years covered are counted in an array indexed by the year itself.
const YEARS = 10000;

/**
 * The filter { year, region, bureau } (year number, region code, bureau id; absent = all) as a test of docs:
 * passes(d, skip) tells whether doc d passes every filter but the one named by skip ('year' | 'region' | 'bureau' |
 * null); it is null when nothing is filtered. chosen is the chosen bureau's index (−1 for an unknown id), or null.
 */
export function docFilter({ year, region, bureau }, places, years) {
  const filter = {
    year: year === null || year === '' ? null : Number(year),
    region: region ? places.regionByCode.get(region) ?? -1 : null,
    bureau: bureau ? places.bureauById.get(bureau) ?? -1 : null,
  };
  const passes = (d, skip) =>
    (skip === 'year' || filter.year === null || years[d] === filter.year) &&
    (skip === 'region' || filter.region === null || places.bureauPaths[places.bureauOfDoc[d]].includes(filter.region)) &&
    (skip === 'bureau' || filter.bureau === null || places.bureauOfDoc[d] === filter.bureau);
  const filtered = filter.year === null && filter.region === null && filter.bureau === null ? null : passes;
  return { passes: filtered, chosen: filter.bureau };
}

/**
 * Counts per year, region (provinces and cities) and bureau, each over the matches that pass the other filters
 * (passes(d, skip); null when nothing is filtered). Counted per bureau first: regions follow from bureaus.
 */
export function countFacets(matching, catalog, table, passes, places) {
  const years = new Map();
  const perBureau = new Uint32Array(catalog.bureaus.ids.length);
  const forRegions = passes === null ? perBureau : new Uint32Array(catalog.bureaus.ids.length);
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
    }
  }
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
  };
}

/**
 * Names the bureaus of the bureau facet, from the bureau blocks. A national archive has thousands of bureaus: a
 * list that long can be neither read nor fetched cheaply, so past MAX_BUREAUS only the chosen bureau is listed
 * and the rest counted (choosing a region narrows the list, its bureaus being neighbours in the blocks).
 */
export async function nameBureaus(index, facets, chosen) {
  if (facets.bureaus.length > MAX_BUREAUS) {
    facets.moreBureaus = facets.bureaus.length;
    facets.bureaus = facets.bureaus.filter(b => b.index === chosen);
    facets.moreBureaus -= facets.bureaus.length;
  }
  await Promise.all(facets.bureaus.map(async b => {
    b.name = (await index.bureau(b.index)).name;
  }));
}

function compareIds(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// The few read calls the explorer makes. Errors carry the problem+json detail so the page can show what went wrong.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function getJson(url, { signal } = {}) {
  const response = await fetch(url, { headers: { Accept: "application/json" }, signal });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const problem = await response.json();
      message = problem.detail || problem.title || message;
    } catch {
      // Not problem+json: the status line says enough.
    }
    throw new ApiError(response.status, message);
  }
  return response.json();
}

const details = new Map();
const comparisons = new Map();

/** Remembers one answer per key (a failed request is forgotten, so a retry asks again). */
function cached(map, key, load) {
  if (!map.has(key)) {
    const request = load();
    request.catch(() => map.delete(key));
    map.set(key, request);
  }
  return map.get(key);
}

export const api = {
  taxonomy: () => getJson("api/v1/taxonomy"),

  search: (q, { limit = 8, signal } = {}) =>
    getJson(`api/v1/search?${new URLSearchParams({ q, mode: "prefix", limit: String(limit) })}`, { signal }),

  /** A technique's detail; cached, since the data changes rarely and the panel revisits nodes often. */
  technique: (slug) => cached(details, slug, () => getJson(`api/v1/techniques/${encodeURIComponent(slug)}`)),

  /** The survey's comparison tables (GET /api/v1/comparisons): slugs and names. */
  comparisons: () => cached(comparisons, "", () => getJson("api/v1/comparisons")),

  /** One comparison with its axes and rows. */
  comparison: (slug) => cached(comparisons, slug, () => getJson(`api/v1/comparisons/${encodeURIComponent(slug)}`)),

  paths: (from, to) => getJson(`api/v1/paths?${new URLSearchParams({ from, to })}`),

  /** Any entity by the root-relative URL the API gave for it. */
  byUrl: (url) => getJson(url.replace(/^\//, "")),
};

// Where a screen is: the hash routes every feature links to. The shell (app/) listens for changes.

export type Route =
  | { name: 'home' }
  | { name: 'catalogs' }
  | { name: 'catalogImport' }
  | { name: 'catalogDiff'; catalogId: string }
  | { name: 'new' }
  /** `catalog`: which catalog of the assessment to show (default the first); `control`: the control to select. */
  | { name: 'assessment'; id: string; catalog?: string | undefined; control?: string | undefined }
  | { name: 'dashboard'; id: string; catalog?: string | undefined }
  | { name: 'report'; id: string }
  /** Several assessments of one catalog side by side (default: the catalog most assessments use). */
  | { name: 'rollup'; catalogId?: string | undefined }
  | { name: 'settings' }
  /** Distribute and collect: an assessment's requests; the respondent's opened requests and one of them. */
  | { name: 'requests'; id: string }
  | { name: 'responses' }
  | { name: 'response'; requestId: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const db = /^\/assessments\/([0-9a-f-]{36})\/dashboard(?:\/([a-z][a-z0-9-]{1,62}))?$/.exec(path);
  if (db?.[1]) return { name: 'dashboard', id: db[1], ...(db[2] ? { catalog: db[2] } : {}) };
  const rq = /^\/assessments\/([0-9a-f-]{36})\/requests$/.exec(path);
  if (rq?.[1]) return { name: 'requests', id: rq[1] };
  const rs = /^\/responses\/([0-9a-f-]{36})$/.exec(path);
  if (rs?.[1]) return { name: 'response', requestId: rs[1] };
  if (path === '/responses') return { name: 'responses' };
  const rp = /^\/assessments\/([0-9a-f-]{36})\/report$/.exec(path);
  if (rp?.[1]) return { name: 'report', id: rp[1] };
  const m =
    /^\/assessments\/([0-9a-f-]{36})(?:\/catalogs\/([a-z][a-z0-9-]{1,62}))?(?:\?control=([A-Za-z0-9._()-]{1,64}))?$/.exec(
      path,
    );
  if (m?.[1])
    return { name: 'assessment', id: m[1], ...(m[2] ? { catalog: m[2] } : {}), ...(m[3] ? { control: m[3] } : {}) };
  const ru = /^\/rollup(?:\/([a-z][a-z0-9-]{1,62}))?$/.exec(path);
  if (ru) return { name: 'rollup', ...(ru[1] ? { catalogId: ru[1] } : {}) };
  if (path === '/catalogs') return { name: 'catalogs' };
  if (path === '/catalogs/import') return { name: 'catalogImport' };
  const d = /^\/catalogs\/([a-z][a-z0-9-]{1,62})\/diff$/.exec(path);
  if (d?.[1]) return { name: 'catalogDiff', catalogId: d[1] };
  if (path === '/new') return { name: 'new' };
  if (path === '/settings') return { name: 'settings' };
  return { name: 'home' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'assessment':
      return `#/assessments/${route.id}${route.catalog ? `/catalogs/${route.catalog}` : ''}${route.control ? `?control=${route.control}` : ''}`;
    case 'home':
      return '#/';
    case 'dashboard':
      return `#/assessments/${route.id}/dashboard${route.catalog ? `/${route.catalog}` : ''}`;
    case 'report':
      return `#/assessments/${route.id}/report`;
    case 'requests':
      return `#/assessments/${route.id}/requests`;
    case 'response':
      return `#/responses/${route.requestId}`;
    case 'catalogImport':
      return '#/catalogs/import';
    case 'rollup':
      return `#/rollup${route.catalogId ? `/${route.catalogId}` : ''}`;
    case 'catalogDiff':
      return `#/catalogs/${route.catalogId}/diff`;
    default:
      return `#/${route.name}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

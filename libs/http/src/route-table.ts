/**
 * The registered (method, path) pairs, to tell "no such endpoint" (404) from "no such method on
 * this endpoint" (405): both are M_UNRECOGNIZED (client-server-api "Common error codes"), but the
 * status differs.
 */
export class RouteTable {
  private readonly routes: { method: string; url: string; pattern: RegExp }[] = [];

  add(method: string | string[], url: string): void {
    const source = url
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : escapeRegExp(part)))
      .join('/');
    for (const m of Array.isArray(method) ? method : [method]) {
      this.routes.push({ method: m.toUpperCase(), url, pattern: new RegExp(`^${source}$`) });
    }
  }

  entries(): { method: string; url: string }[] {
    return this.routes.map(({ method, url }) => ({ method, url }));
  }

  /** The methods registered for the path part of `url`. */
  methodsFor(url: string): string[] {
    const path = url.split('?')[0];
    return [...new Set(this.routes.filter((r) => r.pattern.test(path)).map((r) => r.method))];
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

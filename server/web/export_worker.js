// mlscope's service worker for a static export (issue 10). go-app fills in
// Version; the exporter puts the export's own id in place of exportID's
// value, so that a new export of the same folder replaces what browsers
// stored of the old one.
//
// At install it stores the whole export: the shell and every file that
// data/export.json lists, so that after one visit the export opens and
// browses with no network. Then every request inside the worker's scope
// is answered from that store first. Pages of the app are all the same
// page: a navigation gets the stored root page, told its depth so that it
// finds the site's root (see exportBaseScript in export.go).

const version = "{{.Version}}";
const exportID = "MLSCOPE_EXPORT_ID";
const scope = new URL(self.registration.scope);
const cacheName = "mlscope-export-" + scope.pathname + "-" + exportID + "-" + version;
const depthMarker = "mlscopeDepth=0;";
const baseTag = '<base href="./">';
const batch = 32; // files fetched at once while storing

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    const resp = await fetch(new URL("data/export.json", scope), { cache: "no-cache" });
    if (!resp.ok) {
      throw new Error("data/export.json: HTTP " + resp.status);
    }
    const manifest = await resp.clone().json();
    await cache.put(new URL("data/export.json", scope).href, resp);
    const files = ["./"].concat(manifest.files || []);
    for (let i = 0; i < files.length; i += batch) {
      await cache.addAll(files.slice(i, i + batch).map((f) => new URL(f, scope).href));
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const mine = "mlscope-export-" + scope.pathname + "-";
    for (const key of await caches.keys()) {
      if (key.startsWith(mine) && key !== cacheName) {
        await caches.delete(key);
      }
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname) ||
    event.request.method !== "GET") {
    return;
  }
  if (event.request.mode === "navigate") {
    event.respondWith(page(event.request, url));
    return;
  }
  event.respondWith(stored(event.request, url));
});

// stored answers from the store, else from the network. The static files
// are asked for with their ?v= version, stored without it.
async function stored(req, url) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(req, { ignoreSearch: true });
  return hit || fetch(req);
}

// page answers a navigation with the root page, its depth set to the
// address's: experiments/1/runs/abc/ is four folders below the root.
async function page(req, url) {
  const cache = await caches.open(cacheName);
  const root = await cache.match(new URL("./", scope).href);
  if (!root) {
    return fetch(req);
  }
  let rel = url.pathname.slice(scope.pathname.length).replace(/index\.html$/, "");
  rel = rel.replace(/\/+$/, "");
  const depth = rel === "" ? 0 : rel.split("/").length;
  const text = (await root.text()).replace(depthMarker, "mlscopeDepth=" + depth + ";")
    .replace(baseTag, '<base href="' + ("../".repeat(depth) || "./") + '">');
  return new Response(text, {
    status: 200,
    headers: { "Content-Type": "text/html; charset=utf-8" },
  });
}

// mlscope's service worker for a static export (issue 10). go-app fills in
// Version; the exporter puts the export's own id in place of exportID's
// value, so that a new export of the same folder replaces what browsers
// stored of the old one.
//
// It stores the export for offline use: at install the app's shell and
// data/export.json, then, once it controls the page, every file the
// manifest lists (up to fillLimit files), a batch at a time while the
// page is idle. Storing goes on while the page makes requests (each
// request lets the worker run a while longer), and a later visit picks up
// where it stopped.
// Every request inside the worker's scope is answered from the store
// first, and what the network answers is stored too. Pages of the app
// are all the same page: a navigation gets the stored root page, told its
// depth so that it finds the site's root (see exportBaseScript in
// export.go).

const version = "{{.Version}}";
const exportID = "MLSCOPE_EXPORT_ID";
const scope = new URL(self.registration.scope);
// The shell and the data are stored apart, so that answering the page
// from the shell never waits behind the data being stored.
const cacheName = "mlscope-export-" + scope.pathname + "-" + exportID + "-" + version;
const dataName = cacheName + "-data";
const manifestURL = new URL("data/export.json", scope).href;
const depthMarker = "mlscopeDepth=0;";
const baseTag = '<base href="./">';
const batch = 8; // files fetched at once while storing
const idle = 1000; // ms without a request of the page before a batch
// fillLimit is the most files stored ahead. Storing 13,000 files (an
// export of 1,000 runs) in the background kept a page waiting a minute
// for its own answers on a slow disk: a larger export is stored as it is
// read instead, so what was seen opens offline, not the rest.
const fillLimit = 5000;
// lastRequest is when the page last asked for something: storing waits
// while the page is busy, so that what it shows comes first.
let lastRequest = 0;

// filling is the storing under way, if any; stored says it has finished.
let filling = null;
let stored = false;
let progress = { stored: 0, total: 0, error: "" };

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    const manifest = await readManifest(cache);
    const shell = ["./"].concat((manifest.files || []).filter((f) => !f.startsWith("data/")));
    await cache.addAll(shell.map((f) => new URL(f, scope).href));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const mine = "mlscope-export-" + scope.pathname + "-";
    for (const key of await caches.keys()) {
      if (key.startsWith(mine) && key !== cacheName && key !== dataName) {
        await caches.delete(key);
      }
    }
    await self.clients.claim();
  })());
  // Not part of the activation: requests wait until a worker is active.
  // Each request of the page keeps the storing going (see fetch).
  fill();
});

// readManifest fetches data/export.json into the store and returns it.
async function readManifest(cache) {
  const resp = await fetch(manifestURL, { cache: "no-cache" });
  if (!resp.ok) {
    throw new Error("data/export.json: HTTP " + resp.status);
  }
  await cache.put(manifestURL, resp.clone());
  return resp.json();
}

// fill stores every file of the manifest not stored yet.
function fill() {
  if (stored) {
    return Promise.resolve();
  }
  if (!filling) {
    filling = (async () => {
      const shell = await caches.open(cacheName);
      const cache = await caches.open(dataName);
      const hit = await shell.match(manifestURL);
      const manifest = hit ? await hit.json() : await readManifest(shell);
      const have = new Set((await cache.keys()).concat(await shell.keys()).map((r) => r.url));
      const files = manifest.files || [];
      if (files.length > fillLimit) {
        stored = true; // nothing more is stored ahead: see fillLimit
        progress = { stored: 0, total: files.length, error: "too many files to store ahead" };
        return;
      }
      const want = files.map((f) => new URL(f, scope).href);
      const missing = want.filter((u) => !have.has(u));
      progress = { stored: want.length - missing.length, total: want.length, error: "" };
      for (let i = 0; i < missing.length; i += batch) {
        const part = missing.slice(i, i + batch);
        while (Date.now() - lastRequest < idle) {
          await new Promise((resolve) => setTimeout(resolve, idle / 4));
        }
        await cache.addAll(part);
        progress.stored += part.length;
      }
      stored = true;
    })().catch((err) => {
      // Offline, or the browser's storage is full: the next request
      // tries again from where this stopped.
      progress.error = String(err);
    }).finally(() => {
      filling = null;
    });
  }
  return filling;
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname) ||
    event.request.method !== "GET") {
    return;
  }
  lastRequest = Date.now();
  if (!stored) {
    event.waitUntil(fill());
  }
  if (event.request.mode === "navigate") {
    event.respondWith(page(event.request, url));
    return;
  }
  event.respondWith(answer(event, url));
});

// answer answers from the store, else from the network, storing what it
// gets. The static files are asked for with their ?v= version and stored
// without it.
async function answer(event, url) {
  const shell = await caches.open(cacheName);
  const cache = await caches.open(dataName);
  // ignoreSearch makes the browser scan the whole store: only for the
  // shell's static files, which are asked for with ?v=.
  const versioned = url.search !== "";
  const hit = await shell.match(event.request, { ignoreSearch: versioned }) ||
    await cache.match(event.request);
  if (hit) {
    return hit;
  }
  const resp = await fetch(event.request);
  if (resp.ok && resp.status === 200) {
    url.search = "";
    event.waitUntil(cache.put(url.href, resp.clone()));
  }
  return resp;
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

// A page may ask how far storing has come: {op: "status"} in an
// {mlscopeExport} message, answered on the port it came with.
self.addEventListener("message", (event) => {
  const m = event.data && event.data.mlscopeExport;
  const port = event.ports[0];
  if (m && m.op === "status" && port) {
    event.waitUntil(fill());
    port.postMessage({ done: stored, ...progress });
  }
});

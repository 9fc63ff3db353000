// mlscope's service worker for a static export (issue 10). go-app fills in
// Version; the exporter puts the export's own id in place of exportID's
// value, so that a new export of the same folder replaces what browsers
// stored of the old one.
//
// It stores the export for offline use: at install the app's shell and
// data/export.json, then, once it controls the page, every file the
// manifest lists, a batch at a time while the page is idle, with a pause
// between batches, so that what the page shows comes first. A worker
// lives only while it has events to handle: each request of the page,
// and each status question the page asks while storing goes on (see
// ExportOffline in app/ui), lets it run a while longer, and a later
// visit picks up where it stopped, from what the store holds. The page
// shows how far it has come, and says so when the browser refuses to
// store more (its storage quota).
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
const pause = 50; // ms between two batches
// lastRequest is when the page last asked for something: storing waits
// while the page is busy, so that what it shows comes first.
let lastRequest = 0;

// filling is the storing under way, if any; stored says it has finished,
// full that the browser refused to store more.
let filling = null;
let stored = false;
let full = false;
// progress: files stored of total; failed are files the host did not
// have; problem is "quota", or why the last storing stopped.
let progress = { stored: 0, total: 0, failed: 0, problem: "" };

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
  if (stored || full) {
    return Promise.resolve();
  }
  if (!filling) {
    filling = (async () => {
      const shell = await caches.open(cacheName);
      const cache = await caches.open(dataName);
      const hit = await shell.match(manifestURL);
      const manifest = hit ? await hit.json() : await readManifest(shell);
      const have = new Set((await cache.keys()).concat(await shell.keys()).map((r) => r.url));
      const want = (manifest.files || []).map((f) => new URL(f, scope).href);
      const missing = want.filter((u) => !have.has(u));
      progress = { stored: want.length - missing.length, total: want.length, failed: 0,
        problem: "" };
      for (let i = 0; i < missing.length; i += batch) {
        const part = missing.slice(i, i + batch);
        while (Date.now() - lastRequest < idle) {
          await new Promise((resolve) => setTimeout(resolve, idle / 4));
        }
        await Promise.all(part.map((u) => storeFile(cache, u)));
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
      stored = true;
    })().catch((err) => {
      if (err && err.name === "QuotaExceededError") {
        full = true; // until the next visit, whose worker tries again
        progress.problem = "quota";
        return;
      }
      // Offline, most likely: the next request tries again from where
      // this stopped.
      progress.problem = String(err);
    }).finally(() => {
      filling = null;
    });
  }
  return filling;
}

// storeFile stores one file of the export. A file the host does not have
// is counted and left out; a network failure or a full store stops the
// storing (the error is fill's).
async function storeFile(cache, url) {
  const resp = await fetch(url);
  if (!resp.ok) {
    progress.failed++;
    return;
  }
  await cache.put(url, resp);
  progress.stored++;
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

// A page may ask how far storing has come: {op: "export-status"} in an
// {mlscope} message (askWorker in app/ui), answered on the port it came
// with. Asking keeps the storing going.
self.addEventListener("message", (event) => {
  const m = event.data && event.data.mlscope;
  const port = event.ports[0];
  if (m && m.op === "export-status" && port) {
    event.waitUntil(fill());
    port.postMessage({ done: stored, full: full, ...progress });
  }
});

// mlscope's service worker (issue 8). The server fills in Version and
// ResourcesToCache (go-app's ServiceWorkerTemplate fields); go-app's
// app.js registers the result as /app-worker.js.
//
// It keeps three caches:
//
//   mlscope-shell-<version>  the app shell: page, WebAssembly, scripts,
//                            styles, icons, manifest. Served from the cache;
//                            a new version installs in the background and
//                            the page offers to reload (go-app's update
//                            notice).
//   mlscope-data             API reads, network first. When the server
//                            cannot be reached the stored copy answers. The
//                            oldest entries go past maxData.
//   mlscope-kept             API reads fetched ahead for the experiments a
//                            user keeps offline. Never trimmed; the page
//                            removes them.
//
// Answers from a cache carry X-Mlscope-Offline and X-Mlscope-Stored-At, so
// that the page can say it is offline and how old the data is. Writes are
// never stored or queued: offline, they get a 503 saying nothing was saved.
//
// Service workers only run on secure pages (https, or http on localhost):
// opened over plain http from another machine, mlscope works online only.

const version = "{{.Version}}";
const shellCache = "mlscope-shell-" + version;
const dataCache = "mlscope-data";
const keptCache = "mlscope-kept";
const shellFiles = {{.ResourcesToCache}};

const maxEntry = 16 << 20; // the largest API answer stored
const maxArtifact = 2 << 20; // the largest artifact file stored
const maxData = 256 << 20; // recent data kept in mlscope-data
const trimEvery = 25; // stores between two trims of mlscope-data

const rpcPrefixes = [
  "/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/",
  "/api/3.0/mlflow/", "/ajax-api/3.0/mlflow/",
  "/api/2.0/mlscope/", "/ajax-api/2.0/mlscope/", // mlscope's own, beside MLflow's
];

// readPOSTs are the RPCs MLflow defines as POST that only read; their
// answers are stored under their URL and a digest of their body.
const readPOSTs = new Set([
  "runs/search", "experiments/search", "logged-models/search",
  "registered-models/get-latest-versions", "experiments/search-datasets",
  "runs/table", // mlscope's runs table: filtered, sorted pages of rows
]);

// live are API paths that are never answered from a store: the page pings
// /health to learn that the server is back.
// The live metric stream is an open response that is never stored either.
const live = new Set([
  "/health", "/version", "/api/2.0/mlscope/live", "/ajax-api/2.0/mlscope/live",
]);

const artifactPaths = new Set(["/get-artifact", "/model-versions/get-artifact"]);

// keeping maps a window (client id) to the experiment it is fetching ahead
// ({id, name}), between its keep-begin and keep-end messages.
const keeping = new Map();
let stores = 0;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(shellCache);
    await cache.addAll(shellFiles);
    // The page that runs the old version keeps its WebAssembly in memory;
    // it is told that a new version is ready and reloads when the user
    // says so.
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      // "app-<version>" caches are those of go-app's default worker,
      // which earlier mlscope versions used.
      const oldShell = key.startsWith("mlscope-shell-") && key !== shellCache;
      if (oldShell || key.startsWith("app-")) {
        await caches.delete(key);
      }
    }
    // Take over pages opened before this worker, so that what they read
    // from now on is stored.
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (isAPI(url.pathname)) {
    event.respondWith(api(event, url));
  } else if (event.request.method === "GET") {
    event.respondWith(shell(event, url));
  }
});

function isAPI(path) {
  return path.startsWith("/api/") || path.startsWith("/ajax-api/") ||
    artifactPaths.has(path) || live.has(path);
}

function rpcName(path) {
  for (const p of rpcPrefixes) {
    if (path.startsWith(p)) {
      return path.slice(p.length);
    }
  }
  return "";
}

// shell answers the app's own files from the cache. Every page of the app
// is the same shell: the WebAssembly app reads the URL and draws the view.
async function shell(event, url) {
  const req = event.request;
  const path = url.pathname;
  const cache = await caches.open(shellCache);
  const page = req.mode === "navigate" && !path.startsWith("/web/") &&
    !shellFiles.includes(path);
  // Static files are requested with and without their ?v= version.
  const hit = page
    ? await cache.match("/")
    : await cache.match(req, { ignoreSearch: path.startsWith("/web/") });
  if (hit) {
    return hit;
  }
  const resp = await fetch(req);
  if (resp.ok && path.startsWith("/web/")) {
    event.waitUntil(cache.put(req, resp.clone()));
  }
  return resp;
}

// api sends a request to the server. A read that gets an answer is
// stored; a read the server cannot answer gets the stored copy, and a
// write gets a refusal.
async function api(event, url) {
  const req = event.request;
  if (live.has(url.pathname)) {
    return fetch(req).catch(() => unreachable("read"));
  }
  const read = req.method === "GET" ||
    (req.method === "POST" && readPOSTs.has(rpcName(url.pathname)));
  if (!read) {
    return fetch(req).catch(() => unreachable("write"));
  }
  // The key (a digest of a POST's body, which keyOf clones at once) is
  // computed while the request is on its way, not before it.
  const keying = keyOf(req, url);
  const kept = keeping.get(event.clientId);
  let resp = null;
  try {
    resp = await fetch(req);
  } catch (err) {
    // The server or the network is down: the stored copy answers.
  }
  const key = await keying;
  // A proxy in front of a stopped server answers 502 or 504.
  if (resp && resp.status !== 502 && resp.status !== 504) {
    if (resp.status === 200) {
      event.waitUntil(store(key, resp.clone(), url, kept).catch(() => {}));
    }
    return resp;
  }
  const copy = await lookup(key);
  if (copy) {
    return marked(copy);
  }
  return resp || unreachable("unstored");
}

// keyOf is the cache key of a read: its URL, and for a POST a digest of
// its body as well (the Cache API stores GET requests only).
async function keyOf(req, url) {
  if (req.method === "GET") {
    return url.href;
  }
  const body = await req.clone().arrayBuffer();
  const sum = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  const hex = Array.from(sum, (b) => b.toString(16).padStart(2, "0")).join("");
  return url.href + (url.search ? "&" : "?") + "mlscope-body=" + hex;
}

async function store(key, resp, url, kept) {
  const limit = artifactPaths.has(url.pathname) ? maxArtifact : maxEntry;
  const body = await readCapped(resp, limit);
  if (!body) {
    return;
  }
  const headers = new Headers(resp.headers);
  // The body is stored decoded.
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  headers.set("X-Mlscope-Stored-At", String(Date.now()));
  headers.set("X-Mlscope-Size", String(body.size));
  let name = dataCache;
  if (kept) {
    name = keptCache;
    headers.set("X-Mlscope-Kept", kept.id);
    headers.set("X-Mlscope-Kept-Name", encodeURIComponent(kept.name));
  }
  const copy = new Response(body, {
    status: resp.status, statusText: resp.statusText, headers,
  });
  await (await caches.open(name)).put(key, copy);
  if (!kept && ++stores % trimEvery === 0) {
    await trim();
  }
}

// readCapped reads a body, or returns null (and stops reading) once it
// passes limit bytes: large artifacts and histories are not stored.
async function readCapped(resp, limit) {
  if (Number(resp.headers.get("Content-Length")) > limit || !resp.body) {
    return null;
  }
  const reader = resp.body.getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      return new Blob(parts);
    }
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
}

// trim drops the oldest recent answers past maxData. Cache keys come back
// in the order they were stored.
async function trim() {
  const cache = await caches.open(dataCache);
  const keys = await cache.keys();
  const sizes = [];
  let total = 0;
  for (const k of keys) {
    const r = await cache.match(k);
    const n = r ? Number(r.headers.get("X-Mlscope-Size")) || 0 : 0;
    sizes.push(n);
    total += n;
  }
  for (let i = 0; total > maxData && i < keys.length; i++) {
    await cache.delete(keys[i]);
    total -= sizes[i];
  }
}

function storedAt(resp) {
  return Number(resp.headers.get("X-Mlscope-Stored-At")) || 0;
}

// lookup returns the newest stored copy of a read, recent or kept.
async function lookup(key) {
  const [recent, kept] = await Promise.all([
    caches.open(dataCache).then((c) => c.match(key)),
    caches.open(keptCache).then((c) => c.match(key)),
  ]);
  if (!recent || !kept) {
    return recent || kept;
  }
  return storedAt(recent) >= storedAt(kept) ? recent : kept;
}

// marked is a stored copy as the page gets it: flagged as offline.
function marked(copy) {
  const headers = new Headers(copy.headers);
  headers.set("X-Mlscope-Offline", "1");
  return new Response(copy.body, {
    status: copy.status, statusText: copy.statusText, headers,
  });
}

const refusals = {
  write: "mlscope's server cannot be reached, so this change was not saved. " +
    "Try again once the server is back.",
  unstored: "mlscope's server cannot be reached, and this was not stored for " +
    "offline use. Pages seen while online, and experiments kept offline, " +
    "open without the server.",
  read: "mlscope's server cannot be reached.",
};

// unreachable is the answer to a request the server did not get, in
// MLflow's error shape, so that the page shows its message.
function unreachable(kind) {
  const body = JSON.stringify({
    error_code: "TEMPORARILY_UNAVAILABLE",
    message: refusals[kind],
  });
  return new Response(body, {
    status: 503,
    statusText: "Offline",
    headers: { "Content-Type": "application/json", "X-Mlscope-Offline": "1" },
  });
}

// Messages from the page ask about or change the stored data; each gets
// one reply on the port it came with: a result, or {error}.
self.addEventListener("message", (event) => {
  const m = event.data && event.data.mlscope;
  if (!m) {
    return;
  }
  const port = event.ports[0];
  const reply = (v) => port && port.postMessage(v);
  event.waitUntil(handle(m, event.source).then(reply,
    (err) => reply({ error: String(err) })));
});

async function handle(m, source) {
  switch (m.op) {
    case "keep-begin":
      keeping.set(source.id, { id: String(m.experiment), name: String(m.name) });
      return { ok: true };
    case "keep-end":
      keeping.delete(source.id);
      return { ok: true };
    case "usage":
      return usage();
    case "drop":
      return drop(String(m.experiment));
    case "clear":
      await caches.delete(dataCache);
      await caches.delete(keptCache);
      return { ok: true };
  }
  throw new Error("unknown request " + m.op);
}

// usage says what is stored: the shell, the recent answers, and the
// answers kept for each experiment, with their sizes in bytes.
async function usage() {
  const out = {
    version,
    shell: { count: 0, bytes: 0 },
    recent: { count: 0, bytes: 0, oldest: 0 },
    kept: [],
  };
  for (const r of await (await caches.open(shellCache)).matchAll()) {
    out.shell.count++;
    out.shell.bytes += (await r.blob()).size;
  }
  for (const r of await (await caches.open(dataCache)).matchAll()) {
    out.recent.count++;
    out.recent.bytes += Number(r.headers.get("X-Mlscope-Size")) || 0;
    const at = storedAt(r);
    if (at && (!out.recent.oldest || at < out.recent.oldest)) {
      out.recent.oldest = at;
    }
  }
  const byID = new Map();
  for (const r of await (await caches.open(keptCache)).matchAll()) {
    const id = r.headers.get("X-Mlscope-Kept") || "";
    let k = byID.get(id);
    if (!k) {
      const name = decodeURIComponent(r.headers.get("X-Mlscope-Kept-Name") || "");
      k = { id, name, count: 0, bytes: 0, storedAt: 0 };
      byID.set(id, k);
      out.kept.push(k);
    }
    k.count++;
    k.bytes += Number(r.headers.get("X-Mlscope-Size")) || 0;
    k.storedAt = Math.max(k.storedAt, storedAt(r));
  }
  if (navigator.storage && navigator.storage.estimate) {
    const e = await navigator.storage.estimate();
    out.usage = e.usage || 0;
    out.quota = e.quota || 0;
  }
  return out;
}

// drop removes what was kept offline for one experiment.
async function drop(id) {
  const cache = await caches.open(keptCache);
  let n = 0;
  for (const req of await cache.keys()) {
    const r = await cache.match(req);
    if (r && r.headers.get("X-Mlscope-Kept") === id) {
      await cache.delete(req);
      n++;
    }
  }
  return { ok: true, removed: n };
}

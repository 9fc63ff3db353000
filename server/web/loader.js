// mlscope's loader of the WebAssembly module (issue 8), in place of
// go-app's fetchWithProgress in app.js (loader.go puts it there).
// go-app's loader passes every load's module through a stream of its own
// to count the bytes for the loading screen. That copy costs time, and a
// Response made in JavaScript has no cache entry behind it, so V8 can
// neither read the module straight from the service worker's cache nor
// keep its compiled code there for the next load.
//
// Here a page that the service worker controls (a repeat load: the
// module comes from the worker's cache, in a blink) hands the answer
// itself to WebAssembly.instantiateStreaming. Only a load from the
// network counts the bytes as they come, for the loading screen. (The
// worker stores the whole shell before it takes control, so the module it
// serves comes from its cache; should it miss, the screen shows no steps.)
async function fetchWithProgress(url, progress) {
  const response = await fetch(url);
  if (navigator.serviceWorker && navigator.serviceWorker.controller) {
    progress(100);
    return response;
  }
  const header = response.headers.get(goappWasmContentLengthHeader) ||
    response.headers.get("Content-Length");
  const total = Number(header) || 0;
  if (!response.body || !total) {
    return response;
  }
  let loaded = 0;
  const counted = response.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      loaded += chunk.byteLength;
      progress(Math.min(100, Math.round((loaded * 100) / total)));
      controller.enqueue(chunk);
    },
  }));
  return new Response(counted, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

// mlscope's first requests (issue 8), at the top of app.js (loader.go).
// The page of an experiment asks for the sidebar's experiments, the
// experiment and the first rows of its runs table as soon as it is drawn,
// which is after the WebAssembly module has loaded, compiled and started.
// This script starts those requests as the page opens instead, beside
// the module; the app takes their answers when it makes the same requests
// (app/ui/prefetched.go). The server fills in the plan, the requests of
// the page of the experiment named by the marker, from the app's own code
// (ui.ExperimentFirstRequests), so that they are the requests it makes.
//
// An answer goes to the first request that is the same (method, address
// and body), once, and only within maxWait ms of the page's start: a page
// opened later in the app, or a reload, asks the server again.
window.mlscopePrefetch = (() => {
  const plan = MLSCOPE_PREFETCH_PLAN;
  const maxWait = 10000;
  const started = new Map();
  const key = (method, url, body) => method + " " + url + "\n" + (body || "");
  // The default state of the table has no query; ids other than these
  // characters would be escaped differently in the path, the address and
  // the body, and are left to the app.
  const m = location.search === "" &&
    location.pathname.match(/^\/experiments\/([0-9A-Za-z_-]+)$/);
  if (m) {
    for (const r of plan.requests) {
      const url = r.url.replaceAll(plan.marker, m[1]);
      const body = (r.body || "").replaceAll(plan.marker, m[1]);
      const init = { method: r.method };
      if (body) {
        init.body = body;
        init.headers = { "Content-Type": "application/json" };
      }
      const answer = fetch(url, init);
      // The app sees a failure when it takes the answer; until then it is
      // no unhandled rejection.
      answer.catch(() => {});
      started.set(key(r.method, url, body), answer);
    }
  }
  return {
    take(method, url, body) {
      const k = key(method, url, body);
      const answer = started.get(k);
      started.delete(k);
      return answer && performance.now() < maxWait ? answer : null;
    },
    // unused counts the answers no request took (tests).
    unused() {
      return started.size;
    },
  };
})();


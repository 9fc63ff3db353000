// mlscope export: the WebAssembly module is stored gzipped as well, as
// web/app.wasm.gz, since a static host sends files as they are and most
// cannot choose an encoding with the browser. go-app's loader (above)
// asks for the module through mlscopeFetchWASM, which takes the gzipped
// copy and unpacks it in the page with DecompressionStream, and falls
// back to the plain module when the browser cannot unpack or the host has
// no copy. A host that sends the copy with Content-Encoding: gzip gives
// the module unpacked already: the first bytes say which it is.
// (go-app's fetchWithProgress answers 200 whatever the host said, so the
// gzipped copy is fetched here.)
async function mlscopeFetchWASM(url, progress) {
  if (typeof DecompressionStream === "function") {
    try {
      const resp = await fetch(url.replace("app.wasm", "app.wasm.gz"));
      if (resp.ok && resp.body) {
        return new Response(await mlscopeGunzip(resp, progress), {
          status: 200,
          headers: { "Content-Type": "application/wasm" },
        });
      }
    } catch (err) {
      console.warn("mlscope: the gzipped module failed, loading the plain one:", err);
    }
  }
  return fetchWithProgress(url, progress);
}

// mlscopeGunzip is the answer's body unpacked, or as it is when it does
// not start as gzip does (0x1f 0x8b), telling progress how much came.
async function mlscopeGunzip(resp, progress) {
  const total = parseInt(resp.headers.get("Content-Length"), 10) || 0;
  let loaded = 0;
  const reader = resp.body.getReader();
  const read = async () => {
    const r = await reader.read();
    if (!r.done) {
      loaded += r.value.byteLength;
    }
    if (total > 0) {
      progress(Math.min(100, Math.round((loaded * 100) / total)));
    }
    return r;
  };
  const first = await read();
  const push = (c, r) => (r.done ? c.close() : c.enqueue(r.value));
  const whole = new ReadableStream({
    start(c) {
      push(c, first);
    },
    async pull(c) {
      push(c, await read());
    },
  });
  const v = first.value;
  const gz = !first.done && v.length >= 2 && v[0] === 0x1f && v[1] === 0x8b;
  return gz ? whole.pipeThrough(new DecompressionStream("gzip")) : whole;
}

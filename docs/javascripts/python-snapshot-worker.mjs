// Module Web Worker, started by the page beside python-worker.mjs
// (python-client.mjs), that downloads and gunzips the Pyodide memory snapshot
// on a thread of its own; the page hands it to the Python worker.
//
// Why a thread of its own: gunzipping the snapshot costs about 160 ms of CPU
// in DecompressionStream (250 ms or more before the zero pages were left
// out), in tasks of 10-70 ms. Run on the Python worker's
// thread, those tasks held back Pyodide's own start-up there: a trace showed
// pyodide.asm.mjs, downloaded at 620 ms, compiled only at 860 ms, after them.
// (Pyodide 314's loadPyodide still awaits the whole snapshot before it
// compiles the .wasm.)
//
// The file holds only the snapshot's non-zero byte ranges, back to back; the
// build's manifest says where each one goes (docs/.hooks/pyodide_assets.py,
// sparse_ranges). They are written into a zeroed buffer as they are gunzipped.
//
// It starts downloading at once, while the Python worker beside it still
// loads its own modules. It is the page's worker, so Chromium's network
// emulation (the benchmark's slow links) reaches its requests (checked at 10
// Mbit/s); that did not hold when the Python worker started it.
//
// Protocol (structured-clone messages):
//   page -> this    {url, size, ranges}   the .bin.gz address; the whole snapshot's size in
//                                         bytes; [[offset, length], ...]
//   this -> page    {progress}            0..1, share of the snapshot's bytes unpacked
//                   {bytes}               the whole snapshot, a transferred Uint8Array
//                   {error}               why it could not be had, as text
// The page passes each message on to the Python worker.

self.onmessage = async ({ data: { url, size, ranges } }) => {
  try {
    const packed = gunzipped(await fetched(url));
    const bytes = await unpacked(packed, size, ranges, (progress) => self.postMessage({ progress }));
    self.postMessage({ bytes }, [bytes.buffer]);
  } catch (error) {
    self.postMessage({ error: String(error && error.message ? error.message : error) });
  }
};

/** The response for url; raises unless it is a success. */
async function fetched(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${response.url}`);
  return response;
}

/**
 * The packed ranges of a response as a stream, gunzipped
 * while they download, unless the server sent them with a Content-Encoding
 * (gzip or br), when the browser has decoded them already: nginx's
 * brotli_static sends the build's .bin.gz.br, the same ranges
 * brotli-compressed, for the .bin.gz address.
 */
function gunzipped(response) {
  if (/gzip|br/i.test(response.headers.get("content-encoding") || "")) return response.body;
  // An engine without DecompressionStream: python-worker.mjs then starts Python the normal way.
  if (typeof DecompressionStream !== "function") throw new Error("this browser has no DecompressionStream to unpack the snapshot");
  return response.body.pipeThrough(new DecompressionStream("gzip"));
}

/**
 * A zeroed buffer of `size` bytes with the stream's bytes written into the
 * ranges in order. Calls onProgress with the share of the ranges' bytes
 * written, at every tenth or so: the same measure whether the browser or
 * this worker decoded the download (Content-Length counts encoded bytes). The
 * page takes these calls as signs that the start is moving
 * (python-client.mjs). Raises if the stream is longer or shorter than the ranges.
 */
async function unpacked(stream, size, ranges, onProgress) {
  const bytes = new Uint8Array(size);
  let range = 0; // the range being filled, and how much of it is filled
  let filled = 0;
  const total = ranges.reduce((sum, [, length]) => sum + length, 0);
  let written = 0;
  let reported = 0;
  // A reader rather than `for await`: Safari cannot iterate a stream.
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    const chunk = next.value;
    let used = 0;
    while (used < chunk.length) {
      if (range === ranges.length) throw new Error("the snapshot file is longer than its ranges");
      const [offset, length] = ranges[range];
      const n = Math.min(length - filled, chunk.length - used);
      bytes.set(chunk.subarray(used, used + n), offset + filled);
      used += n;
      filled += n;
      if (filled === length) [range, filled] = [range + 1, 0];
    }
    written += chunk.length;
    if (written - reported > total / 10) {
      reported = written;
      onProgress(Math.min(written / total, 1));
    }
  }
  if (range !== ranges.length) throw new Error("the snapshot file is shorter than its ranges");
  return bytes;
}

// Module Web Worker, started by python-worker.mjs, that downloads and gunzips
// the Pyodide memory snapshot on a thread of its own.
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
// Protocol (structured-clone messages):
//   parent -> this  {body, headers, size, ranges}
//                                         the .bin.gz response's body (a transferred
//                                         ReadableStream) and its content-encoding and
//                                         content-length; the whole snapshot's size in
//                                         bytes; [[offset, length], ...]
//                   {url, size, ranges}   the same, for this worker to fetch from url
//   this -> parent  {progress}            0..1, share of the compressed bytes received
//                   {bytes}               the whole snapshot, a transferred Uint8Array
//                   {error}               why it could not be had, as text

self.onmessage = async ({ data }) => {
  try {
    const response = data.body
      ? { body: data.body, headers: new Headers(Object.entries(data.headers).filter(([, v]) => v !== null)) }
      : await fetched(data.url);
    const packed = gunzipped(response, (progress) => self.postMessage({ progress }));
    const bytes = await unpacked(packed, data.size, data.ranges);
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
 * The packed ranges of a response ({body, headers}) as a stream, gunzipped while they download (unless the
 * server sent them with a Content-Encoding, gzip or br, when the browser has
 * decoded them already: nginx's brotli_static sends the build's .bin.gz.br,
 * the same ranges brotli-compressed, for the .bin.gz address). Calls onProgress about ten times with the share of bytes
 * received so far.
 */
function gunzipped(response, onProgress) {
  // With a Content-Encoding the browser decodes the bytes, but
  // Content-Length counts the encoded ones: no progress from bytes then.
  const decoded = /gzip|br/i.test(response.headers.get("content-encoding") || "");
  const total = decoded ? 0 : Number(response.headers.get("content-length")) || 0;
  let received = 0;
  let reported = 0;
  const counted = response.body.pipeThrough(
    new TransformStream({
      transform(chunk, controller) {
        received += chunk.length;
        if (total && received - reported > total / 10) {
          reported = received;
          onProgress(Math.min(received, total) / total);
        }
        controller.enqueue(chunk);
      },
    }),
  );
  if (decoded) return counted;
  // An engine without DecompressionStream: python-worker.mjs then starts Python the normal way.
  if (typeof DecompressionStream !== "function") throw new Error("this browser has no DecompressionStream to unpack the snapshot");
  return counted.pipeThrough(new DecompressionStream("gzip"));
}

/**
 * A zeroed buffer of `size` bytes with the stream's bytes written into the
 * ranges in order. Raises if the stream is longer or shorter than the ranges.
 */
async function unpacked(stream, size, ranges) {
  const bytes = new Uint8Array(size);
  let range = 0; // the range being filled, and how much of it is filled
  let filled = 0;
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
  }
  if (range !== ranges.length) throw new Error("the snapshot file is shorter than its ranges");
  return bytes;
}

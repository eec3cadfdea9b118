// Module Web Worker, started by the page beside python-worker.mjs
// (python-client.mjs), that downloads and gunzips the Pyodide memory snapshot
// delta on a thread of its own, and judges from its first bytes whether the
// link is fast enough for a start from the snapshot to pay; the page hands
// its messages to the Python worker.
//
// Why a thread of its own: gunzipping costs about 160 ms of CPU in
// DecompressionStream, in tasks of 10-70 ms, which held back Pyodide's own
// start-up when they ran on the Python worker's thread.
//
// The file holds only the delta's non-zero byte ranges, back to back
// (docs/.hooks/pyodide_assets.py, sparse_ranges); this worker sends them as
// one packed buffer, and the Python worker puts them in place
// (python-snapshot-delta.mjs says what the delta is).
//
// Is the snapshot worth its bytes on this link? A start from it downloads the
// delta (2.23 MB brotli) where a normal start downloads the standard library
// and the calculators (0.81 MB), and saves the normal start's CPU, about
// SNAPSHOT_SAVES_S. Below a rate of (extra bytes / SNAPSHOT_SAVES_S) the
// normal start is ready first. The link's rate is read from the delta's own
// first bytes, which share the link with the runtime (the .wasm, 2.7 MB
// brotli, which either start needs and the Python worker downloads at once):
// the link's rate is taken as LINK_SHARERS times the delta's. That is an
// assumption, that two downloads from one server share a link about evenly
// (as TCP flows through one bottleneck tend to); in Chromium's network
// emulation it kept the verdicts where they were: the snapshot at 10 Mbit/s
// (bench/RESULTS.md, the 13:02 run), the normal start at 3 Mbit/s
// (tests/browser/test_python_startup.py). The verdict is "use" as soon
// as FIRST_BYTES have come at that rate or better (at once from a cache or
// on loopback), and "skip" (the download is stopped) when the rate is still
// lower after the later of VERDICT_MIN_MS and VERDICT_RTTS round trips (the
// time to the first byte), which leaves TCP's slow start of a real link
// behind.
//
// It starts downloading as soon as it runs, with what the build's manifest
// (python-assets.mjs) says of the snapshot: its address, its ranges, what a
// normal start downloads instead, and the packed bytes' checksum
// (python-snapshot-delta.mjs), checked before they go. It is the page's
// worker, so Chromium's network emulation (the benchmark's slow links)
// reaches its requests.
//
// Protocol (structured-clone messages; the page sends none):
//   this -> page    {verdict: {use, mbps, detail}}   once, before any bytes
//                   {progress}            0..1, share of the packed bytes received
//                   {bytes}               the packed ranges, checked, a transferred Uint8Array
//                   {error}               why it could not be had, as text
// The page passes each message on to the Python worker.

import assets from "./python-assets.mjs";

/**
 * What a start from the snapshot saves against a normal start, in seconds:
 * the Decide page's start without the snapshot less its start with it, at
 * loopback speed, on the project's 2-core bench machine when quiet (3197 -
 * 1290 ms, make bench of 2026-11-27). A slower or busier machine saves more
 * (the difference is CPU); this one figure cannot know that, so on such a
 * machine the normal start is chosen on links where the snapshot would
 * still have paid (bench/RESULTS.md has a loaded run).
 */
const SNAPSHOT_SAVES_S = 1.9;
/** Downloads sharing the link while the delta's rate is read: the delta and the .wasm. */
const LINK_SHARERS = 2;
const FIRST_BYTES = 128 * 1024;
const VERDICT_MIN_MS = 500;
const VERDICT_RTTS = 4;
/**
 * A read that waited this long found no bytes ready: the link, not this busy
 * thread, held them back. Only then does a low rate count against the
 * snapshot; on a starved thread the bytes pile up and the rate reads low.
 */
const NETWORK_WAIT_MS = 10;

/** Download the snapshot delta the manifest names, judging the link as it comes, and report to the page. */
async function download({ url, ranges, normalStartBytes, deltaChecksum }) {
  try {
    const packedBytes = ranges.reduce((sum, [, length]) => sum + length, 0);
    const requested = performance.now();
    const controller = new AbortController();
    // Imported after the download has started, so the request waits for nothing.
    const checks = import("./python-snapshot-delta.mjs");
    checks.catch(() => {}); // its failure is reported where it is awaited, below
    const response = await fetched(new URL(url, import.meta.url), controller.signal);
    const judge = judgeLink(response, requested, normalStartBytes, (verdict) => {
      self.postMessage({ verdict });
      if (!verdict.use) controller.abort();
    });
    if (judge.done) return;
    const bytes = await packed(response, packedBytes, judge, (progress) => self.postMessage({ progress }));
    if (!bytes) return;
    (await checks).checkDelta(bytes, deltaChecksum);
    self.postMessage({ bytes }, [bytes.buffer]);
  } catch (error) {
    self.postMessage({ error: String(error && error.message ? error.message : error) });
  }
}

if (assets.snapshot) download(assets.snapshot);
else self.postMessage({ error: "no snapshot in this build" });

/** The response for url; raises unless it is a success. */
async function fetched(url, signal) {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${response.url}`);
  return response;
}

/**
 * A judge of the link from the download's bytes as they come
 * (`judge.seen(bytes on the wire, ms the read waited for them)`), which calls
 * `decide({use, mbps, detail})` once. Decides at once when the snapshot's
 * bytes cannot cost more than a normal start's.
 */
function judgeLink(response, requested, normalStartBytes, decide) {
  const wire = Number(response.headers.get("content-length")) || 0;
  const extra = wire - normalStartBytes;
  const judge = { done: false, received: 0, firstAt: 0 };
  const verdict = (use, mbps, detail) => {
    judge.done = !use;
    judge.decided = true;
    decide({ use, mbps, detail });
  };
  if (!wire || extra <= 0) {
    verdict(true, null, wire ? "the snapshot is no larger than a normal start's files" : "no length sent: not judged");
    return judge;
  }
  const needed = extra / SNAPSHOT_SAVES_S; // bytes per second at which both starts finish together
  judge.seen = (n, waited) => {
    const now = performance.now();
    if (!judge.firstAt) {
      // The first chunk's bytes came before this moment: the rate is read from what follows it.
      judge.firstAt = now;
      judge.firstBytes = n;
      judge.deadline = Math.max(VERDICT_MIN_MS, VERDICT_RTTS * (now - requested));
      setTimeout(() => judge.seen(0, Infinity), judge.deadline + 1); // a verdict even if no more bytes come
    }
    judge.received += n;
    if (judge.decided) return;
    const since = judge.received - judge.firstBytes;
    const rate = (LINK_SHARERS * since) / (Math.max(now - judge.firstAt, 1) / 1000); // the link's, in bytes a second
    const mbps = Math.round((rate * 8) / 1e5) / 10;
    if (judge.received >= wire || (since >= FIRST_BYTES && rate >= needed)) {
      verdict(true, mbps, `the link gave ${mbps} Mbit/s`);
    } else if (now - judge.firstAt >= judge.deadline && waited >= NETWORK_WAIT_MS) {
      verdict(
        false,
        mbps,
        `the link gave about ${mbps} Mbit/s; at that rate the snapshot's ${mb(extra)} MB more than a normal start ` +
          `take longer than the ${SNAPSHOT_SAVES_S} s it saves, so Python starts the normal way`,
      );
    }
  };
  return judge;
}

/**
 * The packed ranges as one buffer of `total` bytes, read from the response as
 * it downloads: gunzipped here unless the server sent it with a
 * Content-Encoding (gzip or br), which the browser has decoded already
 * (nginx's brotli_static sends the build's .bin.gz.br for the .bin.gz
 * address). Counts the bytes on the wire for the judge when it can see them
 * (before gunzipping), else the decoded ones scaled to the wire length.
 * Calls onProgress with the share received, at every tenth or so; the page
 * takes these calls as signs that the start is moving (python-client.mjs).
 * Returns null if the judge stopped the download. Raises if the stream is
 * longer or shorter than `total`.
 */
async function packed(response, total, judge, onProgress) {
  const encoded = /gzip|br/i.test(response.headers.get("content-encoding") || "");
  let body = response.body;
  if (!encoded) {
    // An engine without DecompressionStream: python-worker.mjs then starts Python the normal way.
    if (typeof DecompressionStream !== "function") throw new Error("this browser has no DecompressionStream to unpack the snapshot");
    body = body.pipeThrough(
      new TransformStream({
        transform(chunk, controller) {
          const now = performance.now();
          judge.seen?.(chunk.length, now - (judge.lastChunkAt ?? now));
          judge.lastChunkAt = now;
          controller.enqueue(chunk);
        },
      }),
    ).pipeThrough(new DecompressionStream("gzip"));
  }
  const wire = Number(response.headers.get("content-length")) || total;
  const bytes = new Uint8Array(total);
  let written = 0;
  let reported = 0;
  // A reader rather than `for await`: Safari cannot iterate a stream.
  const reader = body.getReader();
  const read = async () => {
    const asked = performance.now();
    const next = await reader.read();
    return { ...next, waited: performance.now() - asked };
  };
  try {
    for (let next = await read(); !next.done; next = await read()) {
      const chunk = next.value;
      if (written + chunk.length > total) throw new Error("the snapshot file is longer than its ranges");
      bytes.set(chunk, written);
      written += chunk.length;
      if (encoded) judge.seen?.((chunk.length * wire) / total, next.waited);
      if (judge.done) return null;
      if (written - reported > total / 10) {
        reported = written;
        onProgress(written / total);
      }
    }
  } catch (error) {
    if (judge.done) return null; // the judge stopped the download
    throw error;
  }
  if (written !== total) throw new Error("the snapshot file is shorter than its ranges");
  return bytes;
}

function mb(bytes) {
  return (bytes / 1e6).toFixed(1);
}

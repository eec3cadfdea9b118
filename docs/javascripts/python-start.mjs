// Start Python's worker as early as the page allows. Loaded only by pages that
// hold a calculator, as an async module script in the head
// (docs/.hooks/python_start.py): it runs as soon as it and its imports have
// arrived, without waiting for Material's deferred bundle or the calculator
// forms (in `make bench` it ran before them), so the runtime's downloads
// begin while the page is still being set up.
// python-client.mjs is one module per document, so the forms find the worker
// already starting.
import { startEarly } from "./python-client.mjs";

startEarly();

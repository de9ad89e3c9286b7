// A fixed amount of CPU work with no I/O: the control for how many cores the machine really gives
// when several processes run at once. Prints its wall time in ms.
//   node bench/spin.mjs        arithmetic in registers: a chain of dependent operations
//   node bench/spin.mjs cache  loads and stores over an 8 KB array (in the first-level cache), as a
//                              parser's loops over text and tables are
// The two differ where two of the machine's "cores" are the hardware threads of one physical core:
// the chain leaves the core's units idle between its steps, and a second thread fills them; the loads
// and stores keep them busy, and two such loops share them.
const kind = process.argv[2] === 'cache' ? 'cache' : 'alu';
const started = performance.now();
let x = 0;
if (kind === 'alu') {
  for (let i = 0; i < 2e8; i++) x = (x + i * 7) % 1000003;
} else {
  const cells = Int32Array.from({ length: 2048 }, (_, i) => i);
  for (let round = 0; round < 400_000; round++) {
    for (let i = 0; i < cells.length; i++) {
      x = (x + cells[i]) & 0xfffff;
      cells[i] = x;
    }
  }
}
process.stdout.write(`${JSON.stringify({ kind, ms: performance.now() - started, x })}\n`);

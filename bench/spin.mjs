// A fixed amount of pure CPU work (no memory, no I/O): the control for how many cores the machine
// really gives when several processes run at once. Prints its wall time in ms.
const started = performance.now();
let x = 0;
for (let i = 0; i < 2e8; i++) x = (x + i * 7) % 1000003;
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, x })}\n`);

// A really blocked event loop, this process's and so the in-process server's: the load monitor's
// delay comes from it as it would from a node short of CPU. Held in chunks with short gaps, the
// server still answers between them (slowly), and the level stays where the chunks put it for as
// long as the test needs, without depending on how long anything takes.

/** Holds this process's event loop for `ms`. */
export function blockEventLoop(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

/** Blocks the loop for `chunkMs` again and again, `gapMs` apart, until the returned stop is called. */
export function keepBlocking(chunkMs: number, gapMs = 50): () => void {
  const timer = setInterval(() => blockEventLoop(chunkMs), gapMs);
  return () => clearInterval(timer);
}

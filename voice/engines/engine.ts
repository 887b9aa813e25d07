// A text-to-speech engine renders one phrase to a WAV file. The play queue and the cache only see
// this interface, so a host picks espeak-ng (Linux) or `say` (macOS, Windows) in config or by env.
export interface TtsEngine {
  /** Stable id, part of the cache key: a different engine means different audio. */
  readonly id: string;
  /** The voice this engine uses for a language ("cmn-latn-pinyin", "en"); undefined when it has none. */
  voiceFor(lang: string): string | undefined;
  /** Writes a WAV file for the text; rejects when the engine cannot. */
  render(text: string, lang: string, outFile: string): Promise<void>;
}

/** Runs a command to completion; rejects with its stderr when it fails. */
export async function run(cmd: string, args: string[], timeoutMs = 30_000): Promise<void> {
  const { spawn } = await import('node:child_process');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: timeoutMs });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${code !== null ? `exited ${code}` : `killed by ${signal}`}: ${err.trim()}`)),
    );
  });
}

// Plays a WAV on this computer's sound device with whichever player the host has: paplay
// (PulseAudio/PipeWire), aplay (ALSA), afplay (macOS). None found means a host without audio
// (a server, CI): the agent then logs and renders only.
import { spawnSync } from 'node:child_process';
import { run } from './engines/engine.ts';

export interface SoundDevice {
  readonly name: string;
  play(file: string): Promise<void>;
}

const PLAYERS: { cmd: string; args: (f: string) => string[] }[] = [
  { cmd: 'paplay', args: (f) => [f] },
  { cmd: 'aplay', args: (f) => ['-q', f] },
  { cmd: 'afplay', args: (f) => [f] },
];

function exists(cmd: string): boolean {
  const probe = process.platform === 'win32' ? spawnSync('where', [cmd]) : spawnSync('sh', ['-c', `command -v ${cmd}`]);
  return probe.status === 0;
}

export function findSoundDevice(preferred?: string): SoundDevice | undefined {
  const order = preferred ? PLAYERS.filter((p) => p.cmd === preferred) : PLAYERS;
  const found = order.find((p) => exists(p.cmd));
  if (!found) return undefined;
  return { name: found.cmd, play: (file) => run(found.cmd, found.args(file), 120_000) };
}

// The "ding-dong" before each announcement, synthesised here as a WAV (16-bit mono PCM) so no
// sound file has to ship and no tool is needed to make it.
import { writeFile } from 'node:fs/promises';

export function chimeWav(sampleRate = 22050): Buffer {
  const tones = [
    { hz: 988, seconds: 0.45 }, // B5
    { hz: 784, seconds: 0.7 }, // G5
  ];
  const samples: number[] = [];
  for (const t of tones) {
    const n = Math.round(t.seconds * sampleRate);
    for (let i = 0; i < n; i++) {
      const time = i / sampleRate;
      const envelope = Math.min(1, i / 200) * Math.exp(-3.5 * time); // soft attack, bell-like decay
      const v = envelope * (0.6 * Math.sin(2 * Math.PI * t.hz * time) + 0.2 * Math.sin(4 * Math.PI * t.hz * time));
      samples.push(Math.round(v * 0.8 * 32767));
    }
  }
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(s, i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

export async function writeChime(file: string): Promise<string> {
  await writeFile(file, chimeWav());
  return file;
}

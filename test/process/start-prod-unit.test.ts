// The systemd unit (deploy/systemd/onewindow@.service) and `npm run start:prod` must start the node
// the same way: the V8 heap sizes and glibc's malloc settings are what the memory aim was measured
// with (docs/deploy.md, "Memory"), and a hall runs the unit, while the benches run the script.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The script's words: leading VAR=value pairs, then `node`, then its arguments. */
function scriptCommand(): { env: Record<string, string>; args: string[] } {
  const script = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts['start:prod']!;
  const words = script.trim().split(/\s+/);
  const env: Record<string, string> = {};
  for (; words[0]!.includes('='); words.shift()) {
    const [name, value] = words[0]!.split('=');
    env[name!] = value!;
  }
  return { env, args: words.slice(1) };
}

/** The unit's malloc settings (its Environment= lines naming MALLOC_*) and ExecStart's node arguments. */
function unitCommand(): { env: Record<string, string>; args: string[] } {
  const lines = readFileSync(`${ROOT}deploy/systemd/onewindow@.service`, 'utf8').split('\n');
  const env: Record<string, string> = {};
  for (const line of lines.filter((l) => l.startsWith('Environment='))) {
    for (const pair of line.slice('Environment='.length).split(/\s+/)) {
      const [name, value] = pair.split('=');
      if (name!.startsWith('MALLOC_')) env[name!] = value!;
    }
  }
  const exec = lines.find((l) => l.startsWith('ExecStart='))!.slice('ExecStart='.length).trim().split(/\s+/);
  return { env, args: exec.slice(1) };
}

test('the systemd unit starts the node with the same V8 flags, entry and malloc settings as npm run start:prod', (t) => {
  const script = scriptCommand();
  const unit = unitCommand();
  t.deepEqual(unit.args, script.args);
  t.deepEqual(unit.env, script.env);
  t.true(script.args.some((a) => a.startsWith('--max-semi-space-size=')), `start:prod sizes the young generation: ${script.args.join(' ')}`);
});

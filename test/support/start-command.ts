/** `npm start` as package.json has it: the node options and the script (the storm benchmark runs the bot this way). */
import fs from 'node:fs';
import path from 'node:path';

export function startCommand(): { nodeArgs: string[]; script: string } {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = pkg.scripts.start.trim().split(/\s+/);
  if (words[0] !== 'node' || words.length < 2) throw new Error(`unexpected start script: ${pkg.scripts.start}`);
  return { nodeArgs: words.slice(1, -1), script: words[words.length - 1]! };
}

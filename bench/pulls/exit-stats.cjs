// Preloaded (node --require) into the CLI by the pulls bench: at exit, one line on stderr with the
// process's CPU time and VmHWM, figures only the process itself can read once it is gone.
'use strict';
const { readFileSync, writeSync } = require('node:fs');

process.on('exit', () => {
  const status = readFileSync('/proc/self/status', 'utf8');
  const hwmKb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)[1]);
  const cpu = process.cpuUsage();
  writeSync(2, `exit-stats ${JSON.stringify({ cpuMs: Math.round((cpu.user + cpu.system) / 1000), vmHwmMB: Math.round(hwmKb / 1024) })}\n`);
});

// CPU seconds and memory of processes, read from Linux /proc: the services (the bench's children), the
// Kafka and Mongo-wire JVMs (found by their listening ports) and the bench itself.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const { setInterval, clearInterval } = require('node:timers');

let clockTicks;
/** Jiffies per second of /proc/<pid>/stat (USER_HZ, 100 on every Linux we run on). */
function ticksPerSecond() {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** utime + stime of a process in seconds (its threads included), or null if it is gone. */
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces and parentheses: count fields after its last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
  } catch {
    return null;
  }
}

/** Resident set now and its peak over the process' life (VmRSS, VmHWM), in MiB; null if gone. */
function memory(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kib('VmRSS') / 1024, hwmMb: kib('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Socket inodes listening on a TCP port (IPv4 and IPv6 tables). */
function listeningInodes(port) {
  const inodes = new Set();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text;
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; the inode is the 10th column
      if (cols.length < 10 || cols[3] !== '0A') continue;
      if (parseInt(cols[1].split(':')[1], 16) === port) inodes.add(cols[9]);
    }
  }
  return inodes;
}

/** The pid of the process listening on `port` on this machine, or null (not local, or not ours to see). */
function pidListeningOn(port) {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return null;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds;
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = fs.readlinkSync(`/proc/${entry}/fd/${fd}`);
        if (target.startsWith('socket:[') && inodes.has(target.slice(8, -1))) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}

/**
 * Watches named processes over a window: CPU seconds used between start() and stop(), and the peak
 * resident set sampled every second (VmHWM alone would include the start-up and earlier runs of the
 * long-lived JVMs).
 */
class ProcessWatch {
  constructor(processes) {
    this.processes = processes.map(({ name, pid }) => ({ name, pid, cpuAtStart: null, peakRssMb: 0 }));
    this.timer = null;
  }

  sample() {
    for (const p of this.processes) {
      const mem = memory(p.pid);
      if (mem) p.peakRssMb = Math.max(p.peakRssMb, mem.rssMb);
    }
  }

  start() {
    this.startedAt = Date.now();
    for (const p of this.processes) p.cpuAtStart = cpuSeconds(p.pid);
    this.sample();
    this.timer = setInterval(() => this.sample(), 1_000);
  }

  /** [{ name, pid, cpuSeconds, cpuShare (of one core, %), peakRssMb, hwmMb }] over the window. */
  stop() {
    clearInterval(this.timer);
    this.sample();
    const seconds = (Date.now() - this.startedAt) / 1000;
    return this.processes.map((p) => {
      const now = cpuSeconds(p.pid);
      const used = now === null || p.cpuAtStart === null ? null : now - p.cpuAtStart;
      return {
        name: p.name,
        pid: p.pid,
        cpuSeconds: used === null ? null : Number(used.toFixed(1)),
        cpuPercent: used === null ? null : Number(((100 * used) / seconds).toFixed(0)),
        peakRssMb: Number(p.peakRssMb.toFixed(0)),
        hwmMb: memory(p.pid) ? Number(memory(p.pid).hwmMb.toFixed(0)) : null,
      };
    });
  }
}

module.exports = { cpuSeconds, memory, pidListeningOn, ProcessWatch };

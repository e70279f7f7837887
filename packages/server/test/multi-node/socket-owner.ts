import { readdir, readFile, readlink } from 'node:fs/promises';

/** client port → socket inode, for TCP connections to one of `serverPorts` on this host. */
async function socketInodes(serverPorts: Set<number>): Promise<Map<number, string>> {
  const port = (address: string | undefined) => Number.parseInt(address?.split(':')[1] ?? '', 16);
  const inodes = new Map<number, string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (serverPorts.has(port(f[2])) && f[9] && f[9] !== '0') inodes.set(port(f[1]), f[9]);
    }
  }
  return inodes;
}

/**
 * Which of `pids` owns the client end of each connection to `serverPorts` (by client port): the
 * kernel's socket table (/proc/net/tcp) gives each socket's inode, and /proc/<pid>/fd links name
 * the sockets a process holds. Linux only (an empty map elsewhere); a connection closed before the
 * lookup is not found. It lets a receiver tell which server process sent a notification without
 * the notification saying so. One pass costs a few milliseconds, so callers batch their lookups.
 */
export async function socketOwners(serverPorts: Set<number>, pids: number[]): Promise<Map<number, number>> {
  const inodes = await socketInodes(serverPorts);
  const pidOfInode = new Map<string, number>();
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    const links = await Promise.all(fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')));
    for (const link of links) {
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m?.[1]) pidOfInode.set(m[1], pid);
    }
  }
  const owners = new Map<number, number>();
  for (const [clientPort, inode] of inodes) {
    const pid = pidOfInode.get(inode);
    if (pid !== undefined) owners.set(clientPort, pid);
  }
  return owners;
}

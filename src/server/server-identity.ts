import { createHash } from 'node:crypto';
import type { ServerSnapshot } from '../adsync/server-snapshot.js';

/** Which sync server a journal or an inventory belongs to. */
export interface ServerIdentity {
  readonly computerName: string;
  readonly installLocation: string;
  /** File-name-safe and stable: the computer name plus a short hash of name and install folder. */
  readonly id: string;
}

/** The identity of the server a snapshot was read from (the snapshot must be of an installed server). */
export function serverIdentity(snapshot: Pick<ServerSnapshot, 'computerName' | 'installLocation'>): ServerIdentity {
  const installLocation = snapshot.installLocation ?? '';
  // Two simulated servers share a computer name but not an install folder, so both go into the hash.
  const hash = createHash('sha256').update(`${snapshot.computerName.toLowerCase()}|${installLocation.toLowerCase()}`).digest('hex').slice(0, 10);
  const safeName = snapshot.computerName.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 40);
  return { computerName: snapshot.computerName, installLocation, id: `${safeName}-${hash}` };
}

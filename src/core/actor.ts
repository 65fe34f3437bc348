/** Who did it: recorded on every event. */
export interface Actor {
  id: string;
  role: string;
  center?: string;
  window?: string;
  /** Staff member whose post is being covered (AB岗), when acting as their cover. */
  onBehalfOf?: string;
  /** Oversight (纪委/监察): the centers it is assigned. */
  centers?: string[];
}

/**
 * The service's own watcher of time limits, recorded as the actor of what it writes when a limit passes:
 * warnings and red cards on cases, overdue answers to complaints, follow-ups and invitations to rate.
 */
export const DEADLINE_WATCHER: Actor = { id: 'deadline-watcher', role: 'system' };

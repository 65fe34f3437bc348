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

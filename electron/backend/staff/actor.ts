/** Who is doing what at the till: the signed-in person, written on sales and audit rows. */
export interface Actor {
  /** The staff id; null on a till with no staff yet (it sells as its configured cashier). */
  readonly id: string | null;
  readonly name: string;
}

/** Asked at the moment of the write, so a change of person mid-sale is seen. */
export type ActorSource = () => Actor;

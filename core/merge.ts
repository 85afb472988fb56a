/** The keys more than one part claims. */
type Clashes<T extends readonly object[], Seen = never> = T extends readonly [infer H, ...infer R extends readonly object[]]
  ? (keyof H & Seen) | Clashes<R, Seen | keyof H>
  : never;
type Merged<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends readonly object[]] ? H & Merged<R> : unknown;
type Flat<T> = { [K in keyof T]: T[K] };
type ClashFree<T extends readonly object[]> = [Clashes<T>] extends [never] ? unknown : { readonly clash: Clashes<T> };

/**
 * One object from the features' parts (RPC contracts, handlers, catalogue sections). Spreading
 * would let a key two features both claim silently lose one of them; here it is a type error
 * that names the key.
 */
export function mergeParts<const T extends readonly object[]>(...parts: T & ClashFree<T>): Flat<Merged<T>> {
  return Object.assign({}, ...parts) as Flat<Merged<T>>;
}

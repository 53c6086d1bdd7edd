/** What a Map or WeakMap offers: enough to remember answers by key. */
interface Store<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The answer kept under `key`, worked out by `compute` the first time it is asked. */
export function remember<K, V>(cache: Store<K, V>, key: K, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}

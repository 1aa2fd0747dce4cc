import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorText, regionsApi } from './api/client';

interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** Loads data when `deps` change; a stale answer never overwrites a newer one. */
export function useLoad<T>(load: (() => Promise<T>) | null, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(load !== null);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (!load) {
      setLoading(false);
      return;
    }
    const call = ++latest.current;
    setLoading(true);
    setError(null);
    load().then(
      (value) => {
        if (call !== latest.current) return;
        setData(value);
        setLoading(false);
      },
      (e: unknown) => {
        if (call !== latest.current) return;
        setError(errorText(e));
        setLoading(false);
      },
    );
    // Callers list what the loader depends on.
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

/** Runs an action, keeping its pending state and its error (in Chinese) for the form to show. */
export function useAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setPending(true);
    setError(null);
    try {
      return await action();
    } catch (e) {
      setError(errorText(e));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  return { pending, error, setError, run };
}

/** List filters kept in the address, so paging, reloads and the back button keep them; any change goes to page 1. */
export function useFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  const page = Number(params.get('page')) || 1;
  const set = (changes: Partial<Record<K | 'page', string>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes) as Array<[string, string | undefined]>) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  return { values, page, set, setPage: (p: number) => set({ page: String(p) } as Partial<Record<K | 'page', string>>) };
}

/** Every county of the official's districts, with its city's name, for county pickers. */
export function useCounties() {
  const regions = useLoad(() => regionsApi.list(), []);
  return regions.data?.cities.flatMap((city) => city.counties.map((c) => ({ ...c, cityName: city.name }))) ?? [];
}

/**
 * A file fetched with the bearer token (a photo), shown through an object URL since an <img> cannot send
 * the token; nothing is fetched while `load` is null. The URL is revoked when `deps` change or on unmount.
 */
export function useObjectUrl(load: (() => Promise<Blob>) | null, deps: unknown[]) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!load) return;
    let objectUrl: string | null = null;
    let live = true;
    load().then(
      (blob) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, deps);
  return { url, error };
}

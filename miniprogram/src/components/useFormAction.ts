import { useCallback, useState } from 'react';
import { ApiError } from '../services/request';

/**
 * A form's submit: busy while it runs, and a failure shown beside the form (the server's message, or `fallback`
 * for anything else). Pair with `quiet` requests so the message is not also toasted.
 */
export function useFormAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = useCallback(
    async (action: () => Promise<void>, fallback: string, onError?: (error: unknown) => void): Promise<void> => {
      setBusy(true);
      setError('');
      try {
        await action();
      } catch (e) {
        setError(e instanceof ApiError ? e.message : fallback);
        onError?.(e);
      } finally {
        setBusy(false);
      }
    },
    [],
  );
  return { busy, error, setError, run };
}

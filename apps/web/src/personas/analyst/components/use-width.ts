import { useEffect, useRef, useState } from 'react';

/**
 * The width an element is laid out at, followed as it changes (ResizeObserver): a chart draws in
 * real pixels, so its text stays legible on a phone and at 400 % zoom instead of shrinking with it.
 */
export function useWidth<E extends Element>(initial: number) {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const measured = Math.round(entries[0]?.contentRect.width ?? 0);
      if (measured > 0) setWidth(measured);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}
